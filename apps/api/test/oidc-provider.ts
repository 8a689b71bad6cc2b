import http from "node:http";

import Provider from "oidc-provider";

/**
 * A real OpenID provider (panva's oidc-provider) in the test process, standing in for a
 * government's unified identity platform. Sign-in needs no form: the interaction endpoint logs in
 * whoever `signInAs` names and grants the requested scopes, so a test drives the whole
 * authorization code flow by following redirects.
 */
export async function startProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}) {
  const state = { signInAs: "" };
  let provider: Provider | null = null;
  const server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith("/interaction/")) return void interact(provider, req, res);
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
    },
    // an account named "unverified-…" has an address the provider never checked
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        name: `用户 ${id}`,
        preferred_username: `u-${id}`,
        email: `${id}@idp.test`,
        email_verified: !id.startsWith("unverified-"),
      }),
    }),
    cookies: { keys: ["duban-test-provider-cookie-key"] },
  });

  async function interact(p: Provider, req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      const details = await p.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        await p.interactionFinished(
          req,
          res,
          { login: { accountId: state.signInAs } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new p.Grant({
        accountId: details.session!.accountId,
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await p.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        {
          mergeWithLastSubmission: true,
        },
      );
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }

  return {
    issuer,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies by origin, as a browser keeps them (paths and expiry are not needed here). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string) {
    const origin = new URL(url).origin;
    if (!this.byOrigin.has(origin)) this.byOrigin.set(origin, new Map());
    this.byOrigin.get(origin)!.set(name, value);
  }

  take(url: string, res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1);
      const gone = !value || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line);
      if (gone) this.byOrigin.get(new URL(url).origin)?.delete(name);
      else this.set(url, name, value);
    }
  }

  /** One GET without following redirects: the answer and its Location, absolute. */
  async get303(url: string) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: this.header(url) } });
    this.take(url, res);
    const location = res.headers.get("location");
    return { res, location: location ? new URL(location, url).toString() : null };
  }
}
