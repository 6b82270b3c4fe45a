import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Provider as UrqlProvider, type Client } from 'urql';
import { createApiClient } from '../api/client';
import { type Failure, toFailure } from '../api/errors';
import { graphql } from '../api/gql';
import type { Role, SessionUserFragment } from '../api/gql/graphql';

graphql(`
  fragment SessionUser on User {
    id
    displayName
    email
    grants {
      role
      school {
        id
        name
      }
    }
  }
`);

const MeQuery = graphql(`
  query Me {
    me {
      ...SessionUser
    }
  }
`);

// the token is not selected: the page's scripts never see it (the session is the httpOnly cookie)
const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
      user {
        ...SessionUser
      }
    }
  }
`);

// an invitation's or a reset e-mail's token: sets the password and opens a session, as login does
const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      expiresAt
      user {
        ...SessionUser
      }
    }
  }
`);

// ends the session here; for a session opened through the académie's identity provider, answers
// where the browser ends that one too
const EndSessionMutation = graphql(`
  mutation EndSession {
    endSession
  }
`);

export type SessionUser = SessionUserFragment;

export const SESSION_ENDED =
  'Votre session a expiré ou a été fermée (compte désactivé, droits modifiés) : reconnectez-vous pour continuer.';

interface Session {
  status: 'loading' | 'anonymous' | 'authenticated';
  user: SessionUser | null;
  /** why the user is on the login page, when the session ended by itself */
  notice: string | null;
  login(email: string, password: string): Promise<Failure | null>;
  /** chooses the password with an e-mail's token, then is signed in */
  resetPassword(token: string, newPassword: string): Promise<Failure | null>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The user's roles, whatever the school. */
export function rolesOf(user: SessionUser | null): Set<Role> {
  return new Set((user?.grants ?? []).map((grant) => grant.role));
}

/** The schools where the user holds `role`. */
export function schoolsWith(user: SessionUser | null, role: Role): { id: string; name: string }[] {
  return (user?.grants ?? [])
    .filter((grant) => grant.role === role && grant.school)
    .map((grant) => grant.school as { id: string; name: string });
}

/**
 * The current user and the GraphQL client. The client is made anew at each login and logout, so
 * that nothing cached for one user is shown to the next.
 */
export function SessionProvider({ children, client: given }: { children: ReactNode; client?: Client }) {
  const [state, setState] = useState<Pick<Session, 'status' | 'user' | 'notice'>>({
    status: 'loading',
    user: null,
    notice: null,
  });
  const status = useRef(state.status);
  status.current = state.status;
  const makeClient = useCallback(
    () =>
      given ??
      createApiClient(() => {
        // a request refused for want of a session while signed in: the session ended (expired, revoked)
        if (status.current === 'authenticated') {
          setState({ status: 'anonymous', user: null, notice: SESSION_ENDED });
          setClient(makeClient());
        }
      }),
    [given],
  );
  const [client, setClient] = useState<Client>(makeClient);

  useEffect(() => {
    let active = true;
    void client
      .query(MeQuery, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!active || status.current !== 'loading') return;
        setState(
          result.data
            ? { status: 'authenticated', user: result.data.me, notice: null }
            : { status: 'anonymous', user: null, notice: null },
        );
      });
    return () => {
      active = false;
    };
    // only the first client asks who is there; later ones are made by login and logout
  }, []);

  const session = useMemo<Session>(
    () => ({
      ...state,
      async login(email, password) {
        const result = await client.mutation(LoginMutation, { email, password }).toPromise();
        const failure = toFailure(result.error);
        if (failure || !result.data) return failure ?? { kind: 'error', message: 'Connexion impossible.' };
        setClient(makeClient());
        setState({ status: 'authenticated', user: result.data.login.user, notice: null });
        return null;
      },
      async resetPassword(token, newPassword) {
        const result = await client.mutation(ResetPasswordMutation, { token, newPassword }).toPromise();
        const failure = toFailure(result.error);
        if (failure || !result.data) return failure ?? { kind: 'error', message: 'Lien inutilisable.' };
        setClient(makeClient());
        setState({ status: 'authenticated', user: result.data.resetPassword.user, notice: null });
        return null;
      },
      async logout() {
        const result = await client.mutation(EndSessionMutation, {}).toPromise();
        // the provider's logout page, which sends the browser back to /connexion
        const providerLogout = result.data?.endSession;
        if (providerLogout) window.location.assign(providerLogout);
        setClient(makeClient());
        setState({ status: 'anonymous', user: null, notice: 'Vous êtes déconnecté.' });
      },
    }),
    [state, client, makeClient],
  );

  return (
    <SessionContext.Provider value={session}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}
