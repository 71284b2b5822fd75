// Plain HTTP calls to the runtime API for integration tests (the SDK has its own tests).
export type Answer<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  body: T & { error?: { code: string; message: string; issues?: { path: string; message: string }[] } };
};

export async function call<T = Record<string, unknown>>(
  url: string,
  method: "GET" | "POST" | "PUT" | "HEAD",
  path: string,
  options: { bearer?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : {}) as Answer<T>["body"],
  };
}
