/**
 * The schedule families the app offers, by stable id (used in the URL and in selectors).
 * A catalogue entry turns an id into a Schedule; shifts are applied on top by the caller.
 */
import {
  cosineSchedule,
  edmSchedule,
  interpolatedCosineSchedule,
  linearDdpmSchedule,
  rectifiedFlowSchedule,
  sigmoidSchedule,
  type Schedule,
} from './schedules';

export const SCHEDULE_IDS = [
  'cosine',
  'cosine-interpolated',
  'linear',
  'sigmoid',
  'edm',
  'rectified-flow',
  'rectified-flow-sd3',
] as const;
export type ScheduleId = (typeof SCHEDULE_IDS)[number];

export interface ScheduleEntry {
  id: ScheduleId;
  label: string;
  /** Where the formula comes from. */
  source: string;
  create(): Schedule;
}

/** SD3's default shift for its 1024 px models (Esser et al. 2024, §5.3.2). */
export const SD3_SHIFT = 3;

export const SCHEDULES: Record<ScheduleId, ScheduleEntry> = {
  cosine: {
    id: 'cosine',
    label: 'Cosine, λ clipped to [−15, 15]',
    source: 'Nichol & Dhariwal 2021; clipping from Hoogeboom et al. 2023',
    create: () => cosineSchedule(),
  },
  'cosine-interpolated': {
    id: 'cosine-interpolated',
    label: 'Interpolated cosine (shift 32 → 256, base 64)',
    source: 'Hoogeboom et al. 2023, §3.1',
    create: () => interpolatedCosineSchedule(64, 32, 256),
  },
  linear: {
    id: 'linear',
    label: 'Linear β (DDPM, 1e-4 … 0.02)',
    source: 'Ho et al. 2020; continuous form from Song et al. 2021',
    create: () => linearDdpmSchedule(),
  },
  sigmoid: {
    id: 'sigmoid',
    label: 'Sigmoid (start −3, end 3, τ = 1)',
    source: 'Chen 2023; Jabri et al. 2023 (RIN)',
    create: () => sigmoidSchedule(),
  },
  edm: {
    id: 'edm',
    label: 'EDM / Karras σ (0.002 … 80, ρ = 7)',
    source: 'Karras et al. 2022, eq. 5',
    create: () => edmSchedule(),
  },
  'rectified-flow': {
    id: 'rectified-flow',
    label: 'Rectified flow (α = 1 − t, σ = t)',
    source: 'Liu et al. 2022; Esser et al. 2024',
    create: () => rectifiedFlowSchedule(1),
  },
  'rectified-flow-sd3': {
    id: 'rectified-flow-sd3',
    label: `Rectified flow, SD3 shift k = ${SD3_SHIFT}`,
    source: 'Esser et al. 2024, §5.3.2',
    create: () => rectifiedFlowSchedule(SD3_SHIFT),
  },
};

export const isScheduleId = (value: string): value is ScheduleId => (SCHEDULE_IDS as readonly string[]).includes(value);
