'use client';

import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, roleAtLeast, type Role } from '../../lib/roles';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';

/** Choose a role; roles above `maxRole` (the chooser's own) are not offered. */
export function RoleSelect({
  value,
  onChange,
  maxRole,
  id,
  label,
  disabled,
  size,
}: {
  value: Role;
  onChange: (role: Role) => void;
  maxRole: Role;
  id?: string;
  label?: string;
  disabled?: boolean;
  size?: 'sm' | 'default';
}) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as Role)} {...(disabled ? { disabled } : {})}>
      <SelectTrigger id={id} aria-label={label} className="w-28 sm:w-36" {...(size ? { size } : {})}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {ROLES.filter((r) => roleAtLeast(maxRole, r)).map((role) => (
          <SelectItem key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
            {ROLE_LABELS[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
