/** Roles the community role assigns; resident and owner come only from an approved binding. */
export const ASSIGNABLE_ROLES = ['volunteer', 'branch', 'committee', 'property', 'community'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];
