import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService } from '@nestjs/core';
import type { Request } from 'express';

/** `METHOD /path` of a controller's handler (`GET /orders/:id`), or undefined for a method that is no route. */
export function routeKeyOf(controller: object, handler: object): string | undefined {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
  if (method === undefined || path === undefined) return undefined;
  const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
  const joined = [base, ...[path].flat()].filter((p) => p && p !== '/').join('/');
  return `${RequestMethod[method]} /${joined}`.replace(/\/+/g, '/');
}

/** Every HTTP route of the application, as `METHOD /path`. */
export function routesOf(discovery: DiscoveryService): string[] {
  const routes: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const route = routeKeyOf(controller, handler);
      if (route) routes.push(route);
    }
  }
  return routes;
}

interface RoutePattern {
  method: string;
  pattern: RegExp;
}

const ROUTES = Symbol('o2cRoutes');

/** Keeps the application's routes on its HTTP server, where the error filter finds them (`allowedMethods`). */
export function rememberRoutes(app: INestApplication): void {
  const patterns: RoutePattern[] = routesOf(app.get(DiscoveryService)).map((route) => {
    const [method, path] = route.split(' ');
    const source = path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { method, pattern: new RegExp(`^${source}/?$`) };
  });
  (app.getHttpAdapter().getInstance() as { locals: Record<symbol, unknown> }).locals[ROUTES] = patterns;
}

/**
 * The methods the path of `request` has routes for (with HEAD beside GET), when its own method
 * is not one of them: what a 405's `Allow` lists. Empty when the path is no route at all (404).
 */
export function allowedMethods(request: Request): string[] {
  const patterns = (request.app?.locals as Record<symbol, RoutePattern[] | undefined> | undefined)?.[ROUTES];
  if (!patterns) return [];
  const path = (request.originalUrl ?? request.url).split('?')[0];
  const methods = new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method));
  if (methods.size === 0 || methods.has(request.method) || methods.has('ALL')) return [];
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
