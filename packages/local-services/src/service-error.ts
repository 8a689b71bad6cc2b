/** A local service could not start; the message is meant for the person at the terminal. */
export class LocalServiceError extends Error {
  override name = "LocalServiceError";
}
