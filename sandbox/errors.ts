/** Graph's error contract: handlers throw GraphError, the pipeline renders Graph's exact error body. */

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface RequestIds {
  readonly requestId: string;
  readonly clientRequestId: string;
}

export interface GraphErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly innerError: {
      readonly 'request-id': string;
      readonly 'client-request-id': string;
      readonly date: string;
    };
  };
}

/** Graph writes innerError.date without fraction or zone, e.g. 2024-05-01T10:20:30. */
export function innerErrorDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function graphErrorBody(code: string, message: string, ids: RequestIds): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
        date: innerErrorDate(),
      },
    },
  };
}

const DEFAULT_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'ErrorAccessDenied',
  404: 'Request_ResourceNotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'RequestEntityTooLarge',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Access token validation failure.',
  403: 'Access is denied. Check credentials and try again.',
  404: 'Resource could not be discovered.',
  429: 'Application is over its MailboxConcurrency limit.',
  503: 'The service is currently unavailable. Please try again later.',
  504: 'The request timed out.',
};

export function defaultCodeForStatus(status: number): string {
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'UnknownError' : 'BadRequest');
}

export function defaultMessageForStatus(status: number): string {
  return DEFAULT_MESSAGES[status] ?? `The request failed with status ${status}.`;
}

export const notFound = (idOrName: string): GraphError =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${idOrName}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const accessDenied = (message = 'Access is denied. Check credentials and try again.'): GraphError =>
  new GraphError(403, 'ErrorAccessDenied', message);
