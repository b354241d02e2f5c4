// A caseworker's cases in every stage, by area: the caseload counts the closed ones on every page
// (countClosedCases), and without this index that count read every assessment of the install (a sequential scan,
// 7 ms on the 20,000-child benchmark area); assessment_open (0002) covers only the open stages.

export const up: string[] = [`CREATE INDEX assessment_caseworker ON assessment (la_code, caseworker_id)`];

export const down: string[] = [`DROP INDEX assessment_caseworker`];
