/** Roles from requirements.md "Actors and roles". */
export const ROLES = ['developer', 'verifier', 'officer', 'bureau', 'exchange', 'emitter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: carried in every Update so the workflow records it and validators can check it. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  name: string;
}

/** Registry staff act on every case of their jurisdiction; everyone else only on their own organisation's. */
export const REGISTRY_STAFF: readonly Role[] = ['officer', 'bureau', 'admin'];

/** Users of organisations that hold credits in their own accounts and move them (LED-1, ROLE-2). */
export const CREDIT_HOLDER_ROLES: readonly Role[] = ['developer', 'emitter'];

/** Kinds of organisation; each kind may have users of certain roles only. */
export const ORGANISATION_KINDS = ['developer', 'verifier', 'registry', 'bureau', 'exchange', 'emitter', 'platform'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
