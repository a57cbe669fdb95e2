import type { CallerFactory, RequestCaller } from '../protocol/authorization';
import type { SigningCredentials } from '../protocol/sigv4';
import type { IamAccount } from './account/iam-account';
import type { Authorizer } from './authorizer';
import type { RequestFacts } from './context/request-values';
import { roleAccessKeyId, roleCredentials, SERVICE_ACCESS_KEY_ID, serviceCredentials, serviceSessionOf, sessionNameOf, type LocalCredentials, type ServiceSession } from './credentials';
import { iamUser, roleSession, servicePrincipal } from './principals';

/** The session name of a role acted as with credentials that name none. */
const DEFAULT_SESSION_NAME = 'local';

/**
 * Who each caller is. A request signed with a role's local access key acts as that role (its session named by the
 * session token); any other request, signed with any other key or not signed, is the local account's administrator
 * (`user/local-admin`, with AdministratorAccess), so the AWS CLI and SDKs work with whatever credentials they have.
 * A request signed with the local service key acts as the service its session token names, for a resource.
 * In-process callers (pipes, deliveries, event source mappings) are made here too.
 */
export class CallerDirectory implements CallerFactory {
  private readonly rolesByAccessKey = new Map<string, string>();
  private readonly httpCallers = new Map<string, RequestCaller>();

  constructor(
    private readonly authorizer: Authorizer,
    private readonly account: IamAccount,
  ) {
    for (const role of account.model.roles) this.rolesByAccessKey.set(roleAccessKeyId(role.arn), role.arn);
  }

  /** The caller of an HTTP request; callers are kept, since the same sandbox signs thousands of requests alike. */
  forRequest(credentials: SigningCredentials, sourceIp: string): RequestCaller {
    const key = `${credentials.accessKeyId ?? ''}\u0000${credentials.sessionToken ?? ''}\u0000${sourceIp}`;
    const known = this.httpCallers.get(key);
    if (known) return known;
    const service = credentials.accessKeyId === SERVICE_ACCESS_KEY_ID ? serviceSessionOf(credentials.sessionToken) : undefined;
    const roleArn = credentials.accessKeyId === undefined ? undefined : this.rolesByAccessKey.get(credentials.accessKeyId);
    const caller = service
      ? this.authorizer.caller(servicePrincipal(service.service), { sourceArn: service.sourceArn, sourceAccount: service.sourceAccount })
      : this.authorizer.caller(roleArn ? roleSession(roleArn, sessionNameOf(credentials.sessionToken) ?? DEFAULT_SESSION_NAME) : iamUser(this.account.administratorArn), {
          sourceIp,
        });
    this.httpCallers.set(key, caller);
    return caller;
  }

  /** A session of a role, as a service assumes it for a function, a pipe or a rule target. */
  forRole(roleArn: string, sessionName: string, facts: RequestFacts = {}): RequestCaller {
    return this.authorizer.caller(roleSession(roleArn, sessionName), facts);
  }

  /** An AWS service acting for itself, such as `events.amazonaws.com` delivering for a rule (`facts.sourceArn`). */
  forService(service: string, facts: RequestFacts = {}): RequestCaller {
    return this.authorizer.caller(servicePrincipal(service), facts);
  }

  /** The credentials that make the endpoint treat a caller as a session of this role. */
  credentialsFor(roleArn: string, sessionName: string): LocalCredentials {
    return roleCredentials(roleArn, sessionName);
  }

  /** The credentials that make the endpoint treat a caller as an AWS service acting for a resource. */
  serviceCredentialsFor(session: ServiceSession): LocalCredentials {
    return serviceCredentials(session);
  }
}
