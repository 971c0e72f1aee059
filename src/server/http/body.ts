/**
 * Reads a JSON request body without trusting the client: the media type must be JSON, and the bytes are counted
 * as they arrive, so a body larger than the cap is refused whatever Content-Length claims.
 */
import { HttpError } from './error.ts';

const maxBodyBytes = 4096;

/**
 * The parsed body; `{}` for an empty one, so a POST with nothing to say needs no body. `example` is the valid
 * body the invalid-JSON message shows, so each endpoint can show one of its own.
 */
export async function readJsonBody(
  request: Request,
  maxBytes = maxBodyBytes,
  example = '{"amount": 2500}',
): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type !== null && !isJson(type)) throw unsupportedMediaType();
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const bytes = await readCapped(request, maxBytes);
  if (bytes.length === 0) return {};
  if (type === null) throw unsupportedMediaType();
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, 'invalid_json', `The request body isn't valid JSON. Send a JSON object, like ${example}.`);
  }
}

function isJson(contentType: string): boolean {
  return contentType.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

export async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client hung up, or the platform gave up, before the body was complete: nothing of it can be trusted.
      throw new HttpError(400, 'body_incomplete', "The request body didn't arrive complete. Send the request again.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function unsupportedMediaType(): HttpError {
  return new HttpError(
    415,
    'unsupported_media_type',
    'Send the request body as JSON, with the header Content-Type: application/json.',
  );
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'body_too_large',
    `The request body is larger than ${maxBytes / 1024} KB. Only a few fields are needed; send just those.`,
  );
}
