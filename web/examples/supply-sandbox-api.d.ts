// The Supply Sandbox JS API: the messages a page that embeds the sandbox in
// an iframe sends with postMessage, and what comes back.
//
// The sandbox accepts messages only from its own origin and from the
// origins named in the iframe's address: `?embed=1&parent=https://lms.example`.
// Every message carries `supplySandbox: 1`; a request's `id` comes back on
// its reply. A malformed request is answered with `ok: false` and an error.

export type Id = string | number;

interface Envelope { supplySandbox: 1; id?: Id }

/** A built-in's name ("uk-network", "bullwhip") or a whole scenario / lesson. */
export type Source = string | Record<string, unknown>;

export type Request = Envelope & (
  | { type: 'load'; scenario: Source }
  | { type: 'load'; lesson: Source }
  | { type: 'play' }
  | { type: 'pause' }
  /** Run to the end of a day (or hour); back from day 1 if it is past. */
  | { type: 'seek'; day: number }
  | { type: 'seek'; hour: number }
  /** A live control: demand multiplier 0–3, or the speed in sim hours a second. */
  | { type: 'set'; param: 'demand_multiplier' | 'speed_hours_per_second'; value: number }
  /** A facility's field by its id, e.g. capacity_per_hour: one undoable edit. */
  | { type: 'set'; facility: string; field: string; value: unknown }
  /** Any scenario value by JSON Pointer, e.g. "/lanes/3/mode". */
  | { type: 'set'; pointer: string; value: unknown }
  | { type: 'kpis' }
  | { type: 'subscribe'; events: EventName[] }
  | { type: 'unsubscribe' }
);

export type Reply =
  | { supplySandbox: 1; id: Id | null; ok: true; result: unknown }
  | { supplySandbox: 1; id: Id | null; ok: false; error: string };

export type EventName = 'kpi' | 'goal' | 'end';

/** What `kpis` answers, and every event's `data`. */
export interface State {
  time_h: number;
  day: number;
  scenario: string;
  kpis: Kpis | null;
  at_end: boolean;
  lesson: { id: string; step: number; steps: number; verdict: 'pending' | 'met' | 'missed'; complete: boolean } | null;
}

/** The live KPIs: shares are 0–1, money in GBP, CO2e in grams. */
export interface Kpis {
  time: number;
  orders_placed: number;
  orders_delivered: number;
  orders_on_time: number;
  orders_overdue: number;
  fill_rate: number;
  on_time_rate: number;
  mean_lead_time_h: number;
  cost_per_package: number | null;
  co2e_g_per_package: number | null;
  on_hand: number;
  in_transit: number;
  backlog: number;
  net_zero_share: number;
  labour_hours: number;
}

export type Event =
  | { supplySandbox: 1; event: 'ready' }
  | { supplySandbox: 1; event: EventName; data: State };
