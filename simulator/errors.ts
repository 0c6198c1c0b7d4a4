/**
 * Error bodies as the upstream sends them. They are not uniform (see the spec README): External Accounts
 * uses Messages-style `#InvalidParams` problems, the Application API the common_errors.yml problems.
 */
import { STATUS_CODES } from 'node:http';
import { instanceId } from './http-util';

export interface InvalidParam {
  name: string;
  reason: string;
}

export function invalidParams(params: InvalidParam[]) {
  return {
    type: 'https://www.nexmo.com/messages/Errors#InvalidParams',
    title: "Your request parameters didn't validate.",
    detail: `Found errors validating ${params.length} of your submitted parameters.`,
    instance: instanceId(),
    invalid_params: params,
  };
}

export const eaUnauthorised = () => ({
  title: 'Unauthorised',
  detail: "Request header 'Authorization' missing / Invalid Token",
});

/** The 403Response of the spec: a JWT whose `acl` does not cover the path. */
export const eaWrongAuthentication = () => ({
  title: 'Wrong authentication - You are not authorised to access this resource',
});

export const cannotLink = (verb: 'link' | 'unlink' = 'link') => ({
  type: 'https://www.nexmo.com/messages/Errors#Forbidden',
  title: 'Forbidden',
  detail: `Cannot ${verb} application`,
});

export const conflict = (verb: 'link' | 'unlink') => ({
  type: 'https://www.nexmo.com/messages/Errors#Conflict',
  title: 'Application conflict',
  detail: `Unable to ${verb} application`,
});

export const badCredentials = () => ({
  type: 'https://developer.nexmo.com/api-errors#unauthorized',
  title: 'Invalid credentials supplied',
  detail: 'You did not provide correct credentials.',
  instance: instanceId(),
});

export const notFoundProblem = (id: string) => ({
  type: 'https://developer.nexmo.com/api-errors#not-found',
  title: 'Not Found',
  detail: `ID '${id}' does not exist, or you do not have access`,
  instance: instanceId(),
});

export const wrongVerb = (method: string) => ({
  type: 'https://developer.nexmo.com/api-errors#wrong-verb',
  title: 'Request method not allowed',
  detail: `Request method '${method}' not supported`,
  instance: instanceId(),
});

export const invalidAccept = () => ({
  type: 'https://developer.nexmo.com/api-errors#accept-header',
  title: 'Invalid Accept header',
  detail: "Invalid Accept header provided. Must be one of the following: 'application/json'",
  instance: instanceId(),
});

export const unsupportedContentType = () => ({
  type: 'https://developer.nexmo.com/api-errors#content-type-header',
  title: 'Unsupported Content-Type header',
  detail: "Unsupported Content-Type header provided. Must be one of the following: 'application/json'",
  instance: instanceId(),
});

export const listValidation = (params: InvalidParam[]) => ({
  type: 'https://developer.nexmo.com/api-errors/application#list-validation',
  title: 'Bad Request',
  detail: 'The request failed due to validation errors',
  invalid_parameters: params,
  instance: instanceId(),
});

/** Default bodies for fault-injected statuses: realistic JSON, never an empty 5xx. */
export function faultBody(status: number) {
  if (status === 429) {
    return {
      type: 'https://developer.nexmo.com/api-errors#throttled',
      title: 'Too Many Requests',
      detail: 'You have exceeded the rate limit for this API. Please wait and try again.',
      instance: instanceId(),
    };
  }
  return {
    type: 'https://developer.nexmo.com/api-errors#internal-error',
    title: STATUS_CODES[status] ?? 'Error',
    detail: 'An internal error occurred. Please try again later.',
    instance: instanceId(),
  };
}
