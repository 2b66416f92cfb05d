import { auditActorOf, currentContext } from '#platform';

/** Who is doing this, for the *_by columns: the API key or caller of the current request. */
export function currentActor(): string {
  return auditActorOf(currentContext()?.caller);
}
