// Staff single sign-on with OpenID Connect (Entra ID, NHS CIS2, or any conformant provider).
// Tested against a real local provider (oidc-provider) in test/integration/oidc.test.ts.
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface OidcClient {
  authorisationUrl(): Promise<{ url: string; state: string; verifier: string }>;
  /** Completes the code flow; returns the verified subject and email. */
  callback(currentUrl: URL, state: string, verifier: string): Promise<{ subject: string; email: string | undefined }>;
}

export function createOidcClient(s: OidcSettings): OidcClient {
  let config: Promise<client.Configuration> | undefined;
  const issuer = new URL(s.issuer);
  // Plain http only for a provider on this machine (the tests' local provider); anywhere else https is required.
  const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  const getConfig = () => {
    config ??= client
      .discovery(issuer, s.clientId, s.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        config = undefined; // try discovery again next time
        throw err;
      });
    return config;
  };
  return {
    async authorisationUrl() {
      const cfg = await getConfig();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: s.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      return { url: url.href, state, verifier };
    },
    async callback(currentUrl, state, verifier) {
      const cfg = await getConfig();
      const tokens = await client.authorizationCodeGrant(cfg, currentUrl, { pkceCodeVerifier: verifier, expectedState: state });
      const claims = tokens.claims();
      if (!claims) throw new Error('The identity provider returned no ID token');
      // A conformant provider may give the email claim only from its UserInfo endpoint (OIDC Core 5.4).
      let { email, email_verified: verified } = claims;
      if (email === undefined && cfg.serverMetadata().userinfo_endpoint) {
        ({ email, email_verified: verified } = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub));
      }
      // An address the provider says it has not verified is never used to find an account.
      return { subject: `${claims.iss}|${claims.sub}`, email: typeof email === 'string' && verified !== false ? email : undefined };
    },
  };
}
