'use client';

import { MenuIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { EventStreamProvider } from '../../lib/event-stream';
import { roleAtLeast } from '../../lib/roles';
import { cn } from '../../lib/utils';
import { Brand } from '../brand';
import { ErrorState } from '../error-state';
import { Button } from '../ui/button';
import { Separator } from '../ui/separator';
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from '../ui/sheet';
import { Skeleton } from '../ui/skeleton';
import { MeProvider, useMe } from './me-context';
import { NAV_ITEMS } from './nav-items';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const { data: me } = useMe();
  return (
    <nav aria-label="Main" className="grid gap-1">
      {NAV_ITEMS.filter((item) => roleAtLeast(me.role, item.minRole)).map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-3 rounded-md px-2 py-2 text-sm font-medium text-sidebar-foreground/80 transition-colors outline-none hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50',
              active && 'bg-sidebar-accent text-sidebar-accent-foreground',
            )}
          >
            <Icon className="size-4" aria-hidden="true" />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

function SidebarContent({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-3 p-3">
      <div className="px-2 pt-1">
        <Brand />
      </div>
      <TenantSwitcher />
      <Separator />
      <Nav {...(onNavigate ? { onNavigate } : {})} />
      <div className="mt-auto">
        <UserMenu />
      </div>
    </div>
  );
}

/** Sidebar on a laptop; on a phone a top bar whose menu opens the same sidebar in a sheet. */
function Shell({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex min-h-dvh">
      <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 border-r border-sidebar-border bg-sidebar md:block" aria-label="Sidebar">
        <SidebarContent />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur md:hidden">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" aria-label="Open menu">
                <MenuIcon aria-hidden="true" />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" className="w-72 bg-sidebar p-0">
              <SheetTitle className="sr-only">Menu</SheetTitle>
              <SheetDescription className="sr-only">Navigate Herald</SheetDescription>
              <SidebarContent onNavigate={() => setOpen(false)} />
            </SheetContent>
          </Sheet>
          <Brand />
        </header>
        <main id="main" className="flex min-w-0 flex-1 flex-col">
          {children}
        </main>
      </div>
    </div>
  );
}

function ShellLoading() {
  return (
    <div className="flex min-h-dvh" role="status" aria-busy="true" aria-label="Loading Herald">
      <div className="hidden w-60 shrink-0 flex-col gap-3 border-r bg-sidebar p-3 md:flex">
        <Skeleton className="h-7 w-24" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
      </div>
      <div className="flex-1 p-6">
        <Skeleton className="h-8 w-48" />
      </div>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <MeProvider
      fallback={(me) =>
        me.error && me.error.status !== 401 ? (
          <main className="mx-auto grid max-w-md gap-4 p-6 pt-24">
            <Brand />
            <ErrorState title="Herald could not load your account" error={me.error} onRetry={me.reload} />
          </main>
        ) : (
          <ShellLoading />
        )
      }
    >
      <EventStreamProvider>
        <Shell>{children}</Shell>
      </EventStreamProvider>
    </MeProvider>
  );
}
