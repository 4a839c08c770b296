import { ACTOR_KINDS, EVENT_TYPE_NAMES, SUBJECT_TYPES, type ActorKind, type EventType, type SubjectType } from '../../../domain/audit';

/** The audit log's filters as the URL carries them (unknown values are dropped, not sent to the API). */
export interface AuditFilters {
  actorType?: ActorKind;
  type?: EventType;
  subjectType?: SubjectType;
  /** Local dates, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined => (value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined);

export function filtersFromSearch(params: URLSearchParams): AuditFilters {
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...(oneOf(ACTOR_KINDS, params.get('actorType')) ? { actorType: oneOf(ACTOR_KINDS, params.get('actorType'))! } : {}),
    ...(oneOf(EVENT_TYPE_NAMES, params.get('type')) ? { type: oneOf(EVENT_TYPE_NAMES, params.get('type'))! } : {}),
    ...(oneOf(SUBJECT_TYPES, params.get('subjectType')) ? { subjectType: oneOf(SUBJECT_TYPES, params.get('subjectType'))! } : {}),
    ...(from && DATE.test(from) ? { from } : {}),
    ...(to && DATE.test(to) ? { to } : {}),
  };
}

export function searchFromFilters(filters: AuditFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return params.toString();
}

/**
 * The API's query for the filters: the dates become instants at the start of the `from` day and the start of the
 * day after `to`, in the viewer's browser zone (what they picked on their calendar).
 */
export function apiQuery(filters: AuditFilters, cursor?: string): Record<string, string> {
  const startOf = (date: string, addDays = 0) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(y!, m! - 1, d! + addDays).toISOString();
  };
  return {
    ...(filters.actorType ? { actorType: filters.actorType } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.subjectType ? { subjectType: filters.subjectType } : {}),
    ...(filters.from ? { from: startOf(filters.from) } : {}),
    ...(filters.to ? { to: startOf(filters.to, 1) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** Where an entry's subject can be opened in the app, if anywhere. */
export function subjectHref(subject: { type: string; id: string }): string | null {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case 'thread':
      return `/inbox/${id}`;
    case 'sequence':
      return `/sequences/${id}`;
    case 'member':
      return '/settings/members';
    case 'invitation':
      return '/settings/invitations';
    case 'api_key':
      return '/settings/api-keys';
    default:
      return null;
  }
}
