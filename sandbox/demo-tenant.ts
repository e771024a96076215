/**
 * A small, fixed Contoso-like directory. Ids are hard-coded so tests, fixtures and the browser demo can refer
 * to the same entities across runs.
 */

export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  /** Null for accounts without a mailbox: callers must fall back to userPrincipalName. */
  readonly mail: string | null;
  readonly userPrincipalName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly jobTitle: string;
}

export type GroupVisibility = 'Public' | 'Private' | 'HiddenMembership';

export interface DirectoryGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly mail: string | null;
  readonly mailNickname: string;
  /** Contains 'Unified' for Microsoft 365 groups: only those have conversations. */
  readonly groupTypes: readonly string[];
  /** Null for security groups, as Graph returns. */
  readonly visibility: GroupVisibility | null;
  readonly securityEnabled: boolean;
  readonly mailEnabled: boolean;
  readonly memberIds: readonly string[];
}

/** The shape the sandbox accepts: any directory, not only the demo one. */
export interface SandboxTenant {
  readonly tenantId: string;
  readonly currentUserId: string;
  readonly users: Readonly<Record<string, DirectoryUser>>;
  readonly groups: Readonly<Record<string, DirectoryGroup>>;
}

const TENANT_ID = '4fab019f-b17c-4544-878f-41e88aea02c8';

const users = {
  alex: {
    id: 'de504197-0a0a-4686-aaae-1fdb3eeb0bb3',
    displayName: 'Alex Wilber',
    mail: 'alexw@contoso.onmicrosoft.com',
    userPrincipalName: 'alexw@contoso.onmicrosoft.com',
    givenName: 'Alex',
    surname: 'Wilber',
    jobTitle: 'Marketing Assistant',
  },
  megan: {
    id: 'afe5e272-08b4-491e-908e-a640c22d55da',
    displayName: 'Megan Bowen',
    mail: 'meganb@contoso.onmicrosoft.com',
    userPrincipalName: 'meganb@contoso.onmicrosoft.com',
    givenName: 'Megan',
    surname: 'Bowen',
    jobTitle: 'Marketing Manager',
  },
  lee: {
    id: '0d41c762-a98f-4917-a428-2deb1e2ed0a0',
    displayName: 'Lee Gu',
    mail: 'leeg@contoso.onmicrosoft.com',
    userPrincipalName: 'leeg@contoso.onmicrosoft.com',
    givenName: 'Lee',
    surname: 'Gu',
    jobTitle: 'Director',
  },
  adele: {
    id: '8575d677-d23a-4fa0-a9b5-807005da4767',
    displayName: 'Adele Vance',
    mail: 'adelev@contoso.onmicrosoft.com',
    userPrincipalName: 'adelev@contoso.onmicrosoft.com',
    givenName: 'Adele',
    surname: 'Vance',
    jobTitle: 'Retail Manager',
  },
  nestor: {
    id: 'a81ca2a9-29a1-436f-ba14-5053d7c782d8',
    displayName: 'Nestor Wilke',
    mail: 'nestorw@contoso.onmicrosoft.com',
    userPrincipalName: 'nestorw@contoso.onmicrosoft.com',
    givenName: 'Nestor',
    surname: 'Wilke',
    jobTitle: 'Director of Operations',
  },
  pradeep: {
    id: '897b25a2-2461-4826-870f-58f5e07dbdb9',
    displayName: 'Pradeep Gupta',
    mail: null,
    userPrincipalName: 'pradeepg@contoso.onmicrosoft.com',
    givenName: 'Pradeep',
    surname: 'Gupta',
    jobTitle: 'Accountant',
  },
  patti: {
    id: '86d5a72b-22d2-49db-8a93-eaf34d54343b',
    displayName: 'Patti Fernandez',
    mail: 'pattif@contoso.onmicrosoft.com',
    userPrincipalName: 'pattif@contoso.onmicrosoft.com',
    givenName: 'Patti',
    surname: 'Fernandez',
    jobTitle: 'President',
  },
  diego: {
    id: 'a19a047a-2d9e-4cfe-aca2-e038f4f94833',
    displayName: 'Diego Siciliani',
    mail: 'diegos@contoso.onmicrosoft.com',
    userPrincipalName: 'diegos@contoso.onmicrosoft.com',
    givenName: 'Diego',
    surname: 'Siciliani',
    jobTitle: 'HR Manager',
  },
} satisfies Record<string, DirectoryUser>;

const groups = {
  marketing: {
    id: '433f59ec-d67d-4950-902b-c0213dbd18cc',
    displayName: 'Contoso Marketing',
    description: 'Marketing team: campaigns, launches and brand. Linked to the Contoso Marketing team.',
    mail: 'marketing@contoso.onmicrosoft.com',
    mailNickname: 'marketing',
    groupTypes: ['Unified'],
    visibility: 'Private',
    securityEnabled: false,
    mailEnabled: true,
    memberIds: [
      users.alex.id,
      users.megan.id,
      users.adele.id,
      users.pradeep.id,
      users.patti.id,
      users.diego.id,
    ],
  },
  falcon: {
    id: 'b5129540-461e-4f48-8498-d861865a0b77',
    displayName: 'Project Falcon',
    description: 'Cross-functional project team for the Falcon product launch.',
    mail: 'projectfalcon@contoso.onmicrosoft.com',
    mailNickname: 'projectfalcon',
    groupTypes: ['Unified'],
    visibility: 'Private',
    securityEnabled: false,
    mailEnabled: true,
    memberIds: [users.alex.id, users.megan.id, users.lee.id],
  },
  leadership: {
    id: 'e03dcb2d-ab7f-4607-b285-87d900b11b57',
    displayName: 'Leadership',
    description: 'Leadership team: private discussions.',
    mail: 'leadership@contoso.onmicrosoft.com',
    mailNickname: 'leadership',
    groupTypes: ['Unified'],
    visibility: 'Private',
    securityEnabled: false,
    mailEnabled: true,
    memberIds: [users.patti.id, users.lee.id, users.nestor.id],
  },
  finance: {
    id: 'e0a206c2-86ca-4191-90c7-e2779cffa583',
    displayName: 'Finance Team',
    description: 'Budgets, expenses and forecasts. Open to everyone.',
    mail: 'finance@contoso.onmicrosoft.com',
    mailNickname: 'finance',
    groupTypes: ['Unified'],
    visibility: 'Public',
    securityEnabled: false,
    mailEnabled: true,
    memberIds: [users.pradeep.id, users.nestor.id, users.patti.id],
  },
  security: {
    id: '946e2ff4-fc53-42da-8e10-5455a0d2bbff',
    displayName: 'All Staff Security',
    description: 'Security group of all employees (no mailbox, no conversations).',
    mail: null,
    mailNickname: 'allstaffsecurity',
    groupTypes: [],
    visibility: null,
    securityEnabled: true,
    mailEnabled: false,
    memberIds: Object.values(users).map((u) => u.id),
  },
} satisfies Record<string, DirectoryGroup>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Frozen so a test cannot silently change the seed every other test relies on. */
export const DEMO_TENANT = deepFreeze({
  tenantId: TENANT_ID,
  currentUserId: users.alex.id,
  users,
  groups,
});

export type DemoTenant = typeof DEMO_TENANT;
