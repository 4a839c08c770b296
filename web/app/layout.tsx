import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Messages · Herald', template: '%s · Herald' },
  description: 'Every automated message is a durable Temporal workflow.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <div className="topbar">
          <div className="topbar__inner">
            <Link className="brand" href="/">
              <span className="brand__mark" aria-hidden="true">
                H
              </span>
              Herald
            </Link>
            <nav className="topbar__nav" aria-label="Main">
              <Link className="topbar__link topbar__link--active" href="/" aria-current="page">
                Messages
              </Link>
            </nav>
          </div>
        </div>
        <main className="container">{children}</main>
      </body>
    </html>
  );
}
