import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type CaseType = 'registration' | 'issuance';
export type MaterialsChecklist = components['schemas']['MaterialsChecklistView'];

/**
 * The materials checklist (BJ-13 registration, BJ-21 issuance: `materials.missing`) of each listed case, read from
 * its case page — the lists (GET /registrations, /issuances) do not carry it. Only the few cases still open to
 * materials are asked for, so a long history costs nothing.
 */
export function useMaterialsChecklists(cases: readonly { caseNo: string; caseType: CaseType }[]) {
  const results = useQueries({
    queries: cases.map(({ caseNo, caseType }) => ({
      queryKey: ['case-materials', caseNo],
      queryFn: async (): Promise<MaterialsChecklist> =>
        caseType === 'registration'
          ? unwrap(await api.GET('/registrations/{caseNo}', { params: { path: { caseNo } } })).materials
          : unwrap(await api.GET('/issuances/{caseNo}', { params: { path: { caseNo } } })).materials,
    })),
  });
  return new Map(cases.map((c, i) => [c.caseNo, results[i]] as const));
}
