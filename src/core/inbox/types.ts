/**
 * Notifications: every domain event is recorded, then fanned out to its recipients' in-app
 * inboxes and, where a person granted it, as a WeChat subscribe message. Ids are derived from
 * the event and the recipient, so delivering an event again (a retry, two timer runs at once)
 * can never tell anyone twice.
 */
import type { DomainEvent } from '../shared/events';

export const INBOX_COLLECTIONS = { events: 'events', inbox: 'inbox', sends: 'subscribeSends', grants: 'subscribeGrants', prefs: 'notifyPrefs' } as const;

/** A recorded event: `delivered` turns true once every recipient has it in their inbox. */
export interface EventRecord extends DomainEvent {
  _id: string;
  delivered: boolean;
  attempts: number;
}

export interface InboxItem {
  _id: string;
  userId: string;
  estateId: string | null;
  eventId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: number;
  readAt: number | null;
}

/** One subscribe message owed to one person for one event, and how sending it went. */
export interface SendRecord {
  _id: string;
  eventId: string;
  userId: string;
  templateKey: string;
  status: 'sending' | 'sent' | 'failed' | 'gaveUp';
  attempts: number;
  lastError: string | null;
  message: { templateId: string; page: string; data: Record<string, { value: string }> };
  openid: string;
  updatedAt: number;
}

/** A subscribe-message template: which events use it and how its fields are filled. */
export interface TemplateConfig {
  templateId: string;
  /** The page the message opens; `{link}` is replaced by the notification's link. */
  page: string;
  kinds: string[];
  /** Template field → what fills it: title, body, time or a fixed text. */
  fields: Record<string, 'title' | 'body' | 'time' | { text: string }>;
}

export type Templates = Record<string, TemplateConfig>;

/** Sends that failed are retried this many times in all, by the timer. */
export const MAX_SEND_ATTEMPTS = 5;

/** What one recipient is told about one event. */
export interface Message {
  userId: string;
  title: string;
  body: string;
  link: string | null;
}

/** WeChat's limits on subscribe-message fields: thing ≤ 20 characters, phrase ≤ 5, and so on. */
export const FIELD_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, time: 40, date: 40, amount: 32, phone_number: 17, car_number: 8 };

export const fitField = (field: string, value: string): string => {
  const limit = FIELD_LIMITS[field.replace(/\d+$/, '')] ?? 20;
  const chars = Array.from(value);
  return chars.length <= limit ? value : `${chars.slice(0, limit - 1).join('')}…`;
};
