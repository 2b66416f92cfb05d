import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { checkRoutePolicy, ROUTE_POLICY, routeKeyOf } from './route-policy.js';

/** Every HTTP route the application has, as `METHOD /path`. */
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

/** Stops the gateway at start-up when a route has no entry in ROUTE_POLICY, or an entry names no route. */
@Injectable()
export class RoutePolicyCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const { unguarded, unknown } = checkRoutePolicy(routesOf(this.discovery), ROUTE_POLICY);
    const problems = [
      ...unguarded.map((route) => `${route} has no entry in ROUTE_POLICY (apps/gateway/src/auth/route-policy.ts)`),
      ...unknown.map((route) => `ROUTE_POLICY names ${route}, which is no route`),
    ];
    if (problems.length > 0)
      throw new Error(`The gateway's route policy does not match its routes:\n  ${problems.join('\n  ')}`);
  }
}
