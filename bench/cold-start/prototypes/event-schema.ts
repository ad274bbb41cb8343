// Prototype stand-in for src/event/schema.ts: the same three requests, written with `import * as z` instead of
// extending Powertools' schemas (which `import { z }`, and that form puts all of zod, every locale, in the bundle).
import * as z from 'zod';

const Base = z.object({
  ServiceToken: z.string().optional(),
  ServiceTimeout: z.union([z.string(), z.number()]).optional(),
  ResponseURL: z.url(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  ResourceType: z.string(),
  ResourceProperties: z.record(z.string(), z.any()),
});
const PhysicalResourceId = z.string().min(1, 'expected a non-empty string');

/** A `Create` request, as CloudFormation sends it. */
export const CreateEventSchema = Base.extend({ RequestType: z.literal('Create') });

/** An `Update` request, as CloudFormation sends it. */
export const UpdateEventSchema = Base.extend({
  RequestType: z.literal('Update'),
  PhysicalResourceId,
  OldResourceProperties: z.record(z.string(), z.any()),
});

/** A `Delete` request, as CloudFormation sends it. */
export const DeleteEventSchema = Base.extend({ RequestType: z.literal('Delete'), PhysicalResourceId });

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
