import request from 'supertest';

/** A small supertest wrapper for the gateway's REST API: every call carries the API key, if any. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key?: string,
  ) {}

  /** The same API as another key (or as nobody, with `undefined`). */
  as(key: string | undefined): Api {
    return new Api(this.baseUrl, key);
  }

  private auth(test: request.Test, headers: Record<string, string>): request.Test {
    if (this.key) test.set('X-Api-Key', this.key);
    for (const [name, value] of Object.entries(headers)) test.set(name, value);
    return test;
  }

  get(path: string, headers: Record<string, string> = {}): request.Test {
    return this.auth(request(this.baseUrl).get(path), headers);
  }

  post(path: string, body: object = {}, headers: Record<string, string> = {}): request.Test {
    return this.auth(request(this.baseUrl).post(path), headers).send(body);
  }

  put(path: string, body: object = {}, headers: Record<string, string> = {}): request.Test {
    return this.auth(request(this.baseUrl).put(path), headers).send(body);
  }

  patch(path: string, body: object = {}, headers: Record<string, string> = {}): request.Test {
    return this.auth(request(this.baseUrl).patch(path), headers).send(body);
  }

  delete(path: string, headers: Record<string, string> = {}): request.Test {
    return this.auth(request(this.baseUrl).delete(path), headers);
  }
}
