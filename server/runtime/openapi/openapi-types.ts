// The part of OpenAPI 3.1 the runtime API's document uses. Schemas are JSON Schema 2020-12,
// which OpenAPI 3.1 adopts as is.

export type JsonSchema = { [keyword: string]: unknown };
export type Ref = { $ref: string };

export type MediaType = { schema: JsonSchema | Ref; example?: unknown };

export type ResponseObject = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
};

export type Parameter = {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  description: string;
  schema: JsonSchema;
};

export type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | Ref>;
};

export type PathItem = { get?: Operation; post?: Operation };

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  jsonSchemaDialect: string;
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    parameters: Record<string, Parameter>;
    securitySchemes: Record<
      string,
      { type: "http"; scheme: "bearer"; bearerFormat?: string; description: string }
    >;
  };
};

export const ref = (kind: "schemas" | "responses" | "parameters", name: string): Ref => ({
  $ref: `#/components/${kind}/${name}`,
});
