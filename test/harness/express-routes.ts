import type { Router } from 'express';

/** Every route an Express 5 app serves, as "METHOD /path": app.router → mounted Router layers → their routes. */
export function expressRoutes(app: { router: Router }): string[] {
  const out: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' ? layer.rawPath : ''}`);
    }
  };
  walk((app.router as any).stack, '');
  return out;
}
