/**
 * All appeal templates, most frequent first: the generator gives template
 * rank r a Zipf weight 1 / (r + 1)^s, so a few kinds of appeal (property,
 * heating, wages, noise) dominate and a long tail stays rare, as on real
 * 12345 platforms.
 */
import { cityLifeTemplates } from './city-life.ts';
import { publicServiceTemplates } from './public-services.ts';
import type { AppealTemplate } from './types.ts';

export type { AddressKind, AppealTemplate, TemplateVariant } from './types.ts';

/** Template ids by popularity, most frequent first. */
const popularity = [
  'property-service', 'heating-cold', 'migrant-wages', 'living-noise', 'property-fee',
  'water-outage', 'night-construction', 'illegal-rooftop', 'street-vendor', 'school-enrollment',
  'road-damage', 'wage-arrears', 'restaurant-fume', 'street-light', 'medical-reimburse',
  'delivery-delay', 'property-cert', 'pension-insurance', 'bus-frequency', 'illegal-parking',
  'elevator', 'garbage', 'drainage-flood', 'ride-hailing', 'neighbour-leak',
  'ebike-corridor', 'telecom-fraud', 'hukou', 'training-refund', 'prepaid-card',
  'expired-food', 'restaurant-hygiene', 'water-pressure', 'power-outage', 'gas-supply',
  'heating-fee', 'low-income', 'elderly-allowance', 'rural-road', 'rural-water',
  'land-compensation', 'village-affairs', 'factory-gas', 'dust', 'house-quality',
  'maintenance-fund', 'bus-route', 'traffic-light', 'kindergarten', 'hospital-attitude',
  'remote-medical', 'pension-payment', 'work-injury', 'ebike-plate', 'property-registration',
  'homestead', 'grain-subsidy', 'land-transfer', 'straw-burning', 'river-pollution',
  'breeding-pollution', 'illegal-yard', 'manhole', 'short-weight', 'school-fees',
  'taxi-refuse', 'pushback', 'vaccine', 'scenic', 'fire-hazard',
  'flood-control', 'city-suggestion', 'thanks',
];

const byId = new Map<string, AppealTemplate>(
  [...cityLifeTemplates, ...publicServiceTemplates].map((t) => [t.id, t]),
);

/**
 * Every template, in popularity order.
 * @throws Error at load time if the popularity list and the templates disagree.
 */
export const appealTemplates: readonly AppealTemplate[] = popularity.map((id) => {
  const t = byId.get(id);
  if (!t) throw new Error(`popularity lists unknown template '${id}'`);
  return t;
});
if (appealTemplates.length !== byId.size || new Set(popularity).size !== popularity.length) {
  throw new Error('every template must appear exactly once in the popularity list');
}
