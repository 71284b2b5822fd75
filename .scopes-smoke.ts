import { compileJsonSchema } from "./server/domain/json-schema/compile-json-schema";
import { operationMatches } from "./server/domain/grants/patterns";
const v = compileJsonSchema({ type: "string", format: "email" });
console.log(v("a@b.co"), v("x"), operationMatches("github:pulls.*", "github", "pulls.merge"));
const d7 = compileJsonSchema({ $schema: "http://json-schema.org/draft-07/schema#", type: "number" });
console.log(d7(1));
