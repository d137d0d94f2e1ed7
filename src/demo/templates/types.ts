/**
 * Shape of an appeal text template. Texts use `{slot}` placeholders filled by
 * `../slots.ts` from the region where the appeal happens (estate, road,
 * company, school names…) and from its date; one slot has one value per
 * appeal, so a title and its content agree.
 */
import type { AppealType } from '../appeals.ts';

/** Where in the region the appeal happens; decides the address format. */
export type AddressKind = 'home' | 'street' | 'shop' | 'village' | 'site' | 'area';

/** One wording: titles that fit this content. */
export interface TemplateVariant {
  titles: readonly string[];
  content: string;
}

/** A family of realistic appeals about one category path. */
export interface AppealTemplate {
  id: string;
  /** A path of `defaultTaxonomy`. */
  category: readonly [string, string, string];
  /** Appeal types with relative weights. */
  types: Partial<Record<AppealType, number>>;
  /** Towns and cities (街道/社区), countryside (镇乡/村), or anywhere. */
  setting: 'urban' | 'rural' | 'any';
  /** Address format; default 'home' (urban/any) or 'village' (rural). */
  address?: AddressKind;
  /** Months (1–12) when it is `factor` times as frequent; `off` multiplies the other months (default 1). */
  season?: { months: readonly number[]; factor: number; off?: number };
  /** Weights of normal / urgent / critical. */
  urgency?: readonly [number, number, number];
  /** Probability the citizen asks for confidentiality; default by type. */
  confidential?: number;
  /** Who or what is complained about, as a text with slots. */
  subject?: string;
  variants: readonly TemplateVariant[];
}

/** Seasons the templates share. */
export const winter = { months: [11, 12, 1, 2, 3], factor: 4, off: 0.03 } as const;
export const summer = { months: [6, 7, 8], factor: 2 } as const;
export const rainySeason = { months: [6, 7, 8], factor: 5, off: 0.15 } as const;
