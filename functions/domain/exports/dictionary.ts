import { indicatorColumns, type IndicatorColumn, type TemplateShape } from './indicators.js';
import type { PanelRow } from './panel.js';

/*
 * The data dictionary every export carries (dictionary.json, dictionary.csv): every column of its data file
 * with its type, unit and definition in Danish and English. `DICTIONARY_VERSION` changes whenever a column is
 * added, removed or redefined, so an evaluator's scripts can tell.
 */

export const DICTIONARY_VERSION = '1';

export type ColumnType = 'string' | 'integer' | 'number' | 'month';

export interface DictionaryColumn {
  name: string;
  type: ColumnType;
  unit: string;
  da: string;
  en: string;
}

const col = <N extends string>(name: N, type: ColumnType, unit: string, da: string, en: string): DictionaryColumn & { name: N } => ({ name, type, unit, da, en });

/** The panel's columns, in file order; `name` is the PanelRow field. */
export const PANEL_COLUMNS: readonly (DictionaryColumn & { name: keyof PanelRow })[] = [
  col('pseudonym', 'string', 'code', 'Pseudonym: nøglet hash af programmet og borgerens CPR-opslagsnøgle; fast på tværs af programmets udtræk, forskellig mellem programmer', "Pseudonym: keyed hash of the programme and the citizen's CPR lookup key; stable across the programme's exports, different between programmes"),
  col('municipality', 'string', 'code', 'Kommunekode (fire cifre)', 'Municipality code (four digits)'),
  col('template', 'string', 'code', 'Programskabelon', 'Programme template'),
  col('templateVersion', 'integer', 'version', 'Skabelonens version, som forløbet følger', 'The template version the journey runs by'),
  col('month', 'month', 'YYYY-MM', 'Måneden rækken beskriver', 'The month the row describes'),
  col('monthsSinceEnrolment', 'integer', 'months', 'Hele måneder siden indskrivningsmåneden', 'Whole months since the month of enrolment'),
  col('ageBand', 'string', 'years', 'Alder ved indskrivning i 5-årsintervaller', 'Age at enrolment in 5-year bands'),
  col('baselineGroup', 'string', 'code', 'Gruppe ved første screening (baseline); tom før den', 'Group at the first screening (baseline); empty before it'),
  col('group', 'string', 'code', 'Gruppe ved månedens udgang (seneste screening til da); unscreened før første screening', 'Group at the end of the month (latest screening by then); unscreened before the first'),
  col('stage', 'string', 'code', 'Trin i forløbet ved månedens udgang', 'Stage of the journey at the end of the month'),
  col('daysInStage', 'integer', 'days', 'Dage i trinnet ved månedens udgang (i indeværende måned: til udtrækket)', 'Days at that stage by the end of the month (the current month: until the export)'),
  col('appointmentsBooked', 'integer', 'appointments', 'Aftaler i måneden, ikke aflyste', 'Appointments in the month, not cancelled'),
  col('appointmentsAttended', 'integer', 'appointments', 'Aftaler i måneden, hvor borgeren mødte', 'Appointments in the month the citizen attended'),
  col('noShows', 'integer', 'appointments', 'Aftaler i måneden, hvor borgeren udeblev', 'Appointments in the month the citizen missed'),
  col('interventionsEmployment', 'integer', 'interventions', 'Beskæftigelsesrettede indsatser i den gældende indsatsplan', 'Employment interventions in the plan in force'),
  col('interventionsSocial', 'integer', 'interventions', 'Sociale indsatser i den gældende indsatsplan', 'Social interventions in the plan in force'),
  col('interventionsHealth', 'integer', 'interventions', 'Sundhedsindsatser i den gældende indsatsplan', 'Health interventions in the plan in force'),
  col('interventionsEducation', 'integer', 'interventions', 'Uddannelsesrettede indsatser i den gældende indsatsplan', 'Education interventions in the plan in force'),
  col('latestPhq9', 'integer', 'score 0–27', 'Seneste PHQ-9-score til månedens udgang; kun med samtykke til evaluering', 'Latest PHQ-9 score by the end of the month; only with consent to evaluation'),
  col('latestGad7', 'integer', 'score 0–21', 'Seneste GAD-7-score til månedens udgang; kun med samtykke til evaluering', 'Latest GAD-7 score by the end of the month; only with consent to evaluation'),
  col('latestWho5', 'integer', 'score 0–100', 'Seneste WHO-5-score til månedens udgang; kun med samtykke til evaluering', 'Latest WHO-5 score by the end of the month; only with consent to evaluation'),
  col('outcome', 'string', 'code', 'Resultat registreret til månedens udgang', 'Outcome recorded by the end of the month'),
  col('outcomeMonth', 'month', 'YYYY-MM', 'Måneden resultatet gælder fra', 'The month the outcome took effect'),
];

const INDICATOR_KEYS: DictionaryColumn[] = [
  col('municipality', 'string', 'code', 'Kommunekode; "alle" er hele programmet', 'Municipality code; "alle" is the whole programme'),
  col('month', 'month', 'YYYY-MM', 'Måneden rækken beskriver', 'The month the row describes'),
];

const SUPPRESSED_COLUMN = col(
  'suppressed',
  'string',
  'column names',
  'De kolonner i rækken, der er tomme for at beskytte små tal (1–4 borgere eller aftaler), kommasepareret',
  'The columns of the row left empty to protect small counts (1–4 citizens or appointments), comma-separated',
);

const fromIndicator = (c: IndicatorColumn): DictionaryColumn => col(c.column, c.kind === 'count' ? 'integer' : 'number', c.unit, c.da, c.en);

export function indicatorDictionaryColumns(shape: TemplateShape): DictionaryColumn[] {
  return [...INDICATOR_KEYS, ...indicatorColumns(shape).map(fromIndicator), SUPPRESSED_COLUMN];
}

export interface Dictionary {
  dictionaryVersion: string;
  kind: 'panel' | 'indicators';
  columns: DictionaryColumn[];
}

export function dictionaryOf(kind: 'panel' | 'indicators', shape: TemplateShape): Dictionary {
  return { dictionaryVersion: DICTIONARY_VERSION, kind, columns: kind === 'panel' ? [...PANEL_COLUMNS] : indicatorDictionaryColumns(shape) };
}

export const DICTIONARY_CSV_HEADER = ['dictionaryVersion', 'column', 'type', 'unit', 'definition_da', 'definition_en'];
export const dictionaryCsvRows = (d: Dictionary): (string | number | null)[][] => d.columns.map((c) => [d.dictionaryVersion, c.name, c.type, c.unit, c.da, c.en]);
