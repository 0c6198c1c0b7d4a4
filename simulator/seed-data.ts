/**
 * Hand-written seed content. Ids not given here are derived from a hash of the tenant's apiKey (see seed.ts),
 * so every run of the same tenants file yields the same data.
 */
import type { ApplicationCapabilities, Provider } from './types';
import { messagesCapability, rtcCapability, voiceCapability } from './seed-util';

export interface SeedApp {
  name: string;
  capabilities: ApplicationCapabilities;
}

export interface SeedAccount {
  provider: Provider;
  id?: string;
  name?: string;
  /** Index into the seed's applications, or 'jwt' for the tenant's first JWT application. */
  link?: number | 'jwt';
}

export interface SeedData {
  domain: string;
  applications: SeedApp[];
  accounts: SeedAccount[];
}

const m = (name?: string, link?: number | 'jwt'): SeedAccount => ({ provider: 'messenger', name, link });
const w = (name?: string, link?: number | 'jwt'): SeedAccount => ({ provider: 'whatsapp', name, link });
const v = (name?: string, link?: number | 'jwt'): SeedAccount => ({ provider: 'viber_service_msg', name, link });
const r = (id: string, name?: string, link?: number | 'jwt'): SeedAccount => ({ provider: 'rcs', id, name, link });

const acmeApps: SeedApp[] = [
  { name: 'Acme Messages Production', capabilities: messagesCapability('https://hooks.acme.example/messages') },
  { name: 'Acme Messages Staging', capabilities: messagesCapability('https://staging-hooks.acme.example/messages') },
  { name: 'Acme Support Bot', capabilities: messagesCapability('https://hooks.acme.example/support-bot') },
  {
    name: 'Acme Omnichannel',
    capabilities: {
      ...messagesCapability('https://hooks.acme.example/omnichannel'),
      ...voiceCapability('https://hooks.acme.example/omnichannel/voice'),
    },
  },
  { name: 'Acme IVR', capabilities: voiceCapability('https://ivr.acme.example/voice') },
  { name: 'Acme In-App Chat', capabilities: rtcCapability('https://chat.acme.example/webhooks') },
];

// 16 messenger, 14 whatsapp, 10 viber, 8 rcs = 48, interleaved so every page mixes providers.
const acmeAccounts: SeedAccount[] = [
  m('Acme Support', 0),
  w('Acme Support UK', 0),
  v('Acme Viber Alerts', 0),
  r('acme_support_agent', 'Acme Support RCS', 0),
  m('Acme Sales EU'),
  w('Acme Sales EU', 1),
  v('Acme Promotions'),
  r('acme_sales_agent', 'Acme Sales RCS'),
  m('Acme Sales US', 1),
  w('Acme Deliveries'),
  v('Acme Order Updates', 2),
  r('acme-billing-agent', 'Acme Billing RCS'),
  m('Acme Careers'),
  w('Acme Billing', 2),
  v(),
  r('acme_marketing_01'),
  m('Acme Outlet', 2),
  w('Acme Returns'),
  v('Acme Loyalty'),
  r('acme_delivery_agent', 'Acme Deliveries RCS', 3),
  m('Acme Deutschland', 'jwt'),
  w(),
  v('Acme Service Desk', 3),
  r('acme_helpdesk_agent', 'Acme Helpdesk'),
  m(),
  w('Acme Partners', 3),
  v('Acme Events'),
  r('acme_events_agent', 'Acme Events RCS'),
  m('Acme France', 3),
  w('Acme Store Paris'),
  v('Acme Newsletter'),
  r('acme_test_agent_2'),
  m('Acme Italia'),
  w('Acme Store Berlin', 0),
  v('Acme Recalls'),
  v('Acme Surveys', 'jwt'),
  m('Acme Espana', 0),
  w('Acme Store Madrid'),
  m('Acme Community'),
  w('Acme VIP Line', 'jwt'),
  m('Acme Kids'),
  w('Acme Warranty'),
  m('Acme Pro', 1),
  w(),
  m('Acme Labs'),
  w('Acme Night Shift'),
  m('Acme Archive'),
  m('Acme Test Page'),
];

const globexApps: SeedApp[] = [
  { name: 'Globex Messaging', capabilities: messagesCapability('https://hooks.globex.example/messaging') },
  { name: 'Globex Alerts', capabilities: messagesCapability('https://alerts.globex.example/hooks') },
  { name: 'Globex Voice Line', capabilities: voiceCapability('https://voice.globex.example/calls') },
];

const globexAccounts: SeedAccount[] = [
  m('Globex Corporation', 0),
  w('Globex Support', 0),
  v('Globex Notifications', 1),
  m('Globex Careers'),
  w('Globex Sales'),
  r('globex_assistant_agent', 'Globex Assistant'),
];

export const SEED_DATA: Record<'acme' | 'globex' | 'empty', SeedData> = {
  acme: { domain: 'hooks.acme.example', applications: acmeApps, accounts: acmeAccounts },
  globex: { domain: 'hooks.globex.example', applications: globexApps, accounts: globexAccounts },
  empty: { domain: 'hooks.example.com', applications: [], accounts: [] },
};
