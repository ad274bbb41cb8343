// Prototype stand-in for src/event/schema.ts on `zod/mini`, the same three requests.
import * as z from 'zod/mini';

const Base = z.object({
  ServiceToken: z.optional(z.string()),
  ServiceTimeout: z.optional(z.union([z.string(), z.number()])),
  ResponseURL: z.url(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  ResourceType: z.string(),
  ResourceProperties: z.record(z.string(), z.any()),
});
const PhysicalResourceId = z.string().check(z.minLength(1, 'expected a non-empty string'));

/** A `Create` request, as CloudFormation sends it. */
export const CreateEventSchema = z.extend(Base, { RequestType: z.literal('Create') });

/** An `Update` request, as CloudFormation sends it. */
export const UpdateEventSchema = z.extend(Base, {
  RequestType: z.literal('Update'),
  PhysicalResourceId,
  OldResourceProperties: z.record(z.string(), z.any()),
});

/** A `Delete` request, as CloudFormation sends it. */
export const DeleteEventSchema = z.extend(Base, { RequestType: z.literal('Delete'), PhysicalResourceId });

/** Any custom-resource request, told apart by its `RequestType`. */
export const CustomResourceEventSchema = z.discriminatedUnion('RequestType', [
  CreateEventSchema,
  UpdateEventSchema,
  DeleteEventSchema,
]);

export type CreateEvent = z.infer<typeof CreateEventSchema>;
export type UpdateEvent = z.infer<typeof UpdateEventSchema>;
export type DeleteEvent = z.infer<typeof DeleteEventSchema>;
export type CustomResourceEvent = z.infer<typeof CustomResourceEventSchema>;
export type RequestType = CustomResourceEvent['RequestType'];
