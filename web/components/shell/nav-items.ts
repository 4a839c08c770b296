import { ChartColumnIcon, FileCode2Icon, FileTextIcon, InboxIcon, SettingsIcon, UsersIcon, WorkflowIcon, type LucideIcon } from 'lucide-react';
import type { Role } from '../../lib/roles';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Hidden below this role (the API refuses such callers anyway). */
  minRole: Role;
}

export const NAV_ITEMS: NavItem[] = [
  { href: '/inbox', label: 'Inbox', icon: InboxIcon, minRole: 'viewer' },
  { href: '/contacts', label: 'Contacts', icon: UsersIcon, minRole: 'viewer' },
  { href: '/sequences', label: 'Sequences', icon: WorkflowIcon, minRole: 'viewer' },
  { href: '/templates', label: 'Templates', icon: FileCode2Icon, minRole: 'viewer' },
  { href: '/quotes', label: 'Quotes', icon: FileTextIcon, minRole: 'viewer' },
  { href: '/dashboard', label: 'Dashboard', icon: ChartColumnIcon, minRole: 'viewer' },
  { href: '/settings', label: 'Settings', icon: SettingsIcon, minRole: 'admin' },
];
