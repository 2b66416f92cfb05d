import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { routesOf } from '#platform';
import { checkRoutePolicy, ROUTE_POLICY } from './route-policy.js';

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
