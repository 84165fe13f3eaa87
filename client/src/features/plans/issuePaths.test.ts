import { SHIPPED_PLANS, parsePlanLibraryFile, parsePlanTemplate } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { fieldKey, formFieldKeys, issueWhere, issuesOfRefusal, placeIssues } from './issuePaths';
import { draftOf, moved, toPlanInput } from './planDraft';

const fire = SHIPPED_PLANS.find((plan) => plan.id === 'fire');
if (!fire) throw new Error('the fire plan ships');

function placedFor(mutate: (draft: ReturnType<typeof draftOf>) => void) {
  const draft = draftOf(fire!);
  mutate(draft);
  const result = parsePlanTemplate(toPlanInput(draft));
  if (result.ok) throw new Error('expected a refusal');
  return { issues: result.issues, placed: placeIssues(result.issues, formFieldKeys(draft)) };
}

describe('issue paths → form fields', () => {
  it('turns the validator’s paths, with or without the step id, into the input keys', () => {
    expect(fieldKey('steps[3] (cordon).title.en')).toBe('steps.3.title.en');
    expect(fieldKey('steps[3].next.yes')).toBe('steps.3.next.yes');
    expect(fieldKey('steps[2] (pick).options[1].label.zh')).toBe('steps.2.options.1.label.zh');
    expect(fieldKey('activation[0].alarmKinds[2]')).toBe('activation.0.alarmKinds.2');
    expect(fieldKey('name.en')).toBe('name.en');
    // An id in brackets may itself hold dots or brackets-like text; only the index counts.
    expect(fieldKey('steps[1] (a.b).id')).toBe('steps.1.id');
  });

  it('puts a dangling branch next to that step’s “after yes” select', () => {
    const { placed } = placedFor((draft) => {
      const assess = draft.steps.findIndex((step) => step.id === 'assess');
      draft.steps[assess]!.next = { yes: 'evacuat', no: 'false_alarm' };
    });
    const assess = draftOf(fire).steps.findIndex((step) => step.id === 'assess');
    const at = placed.fields.get(`steps.${assess}.next.yes`);
    expect(at?.map((issue) => issue.path)).toEqual([`steps[${assess}] (assess).next.yes`]);
    expect(at?.[0]?.message).toBe('no step "evacuat" in this plan');
    expect(placed.plan).toEqual([]);
  });

  it('puts a missing translation under the English title input of the right step, after the step moved', () => {
    const { placed } = placedFor((draft) => {
      draft.steps = moved(draft.steps, 0, 1);
      draft.steps[0]!.title.en = '';
    });
    expect([...placed.fields.keys()]).toContain('steps.0.title.en');
  });

  it('keeps a step-wide rule on the step’s card and a field the form lacks at the top', () => {
    const known = formFieldKeys({ activation: [], steps: [{ kind: 'confirm', options: [] }, { kind: 'choice', options: [] }] });
    const placed = placeIssues(
      [
        { path: 'steps[1] (x).next.done' }, // a choice step has no next: no such input, so the card
        { path: 'steps[1] (x).options' }, // the options block
        { path: 'roles[2]' }, // the roles group
        { path: 'activation[0].zoneIds[1]' }, // no zone id input: the activation section
        { path: 'body' }, // the top
      ],
      known,
    );
    expect(placed.steps.get(1)?.map((issue) => issue.path)).toEqual(['steps[1] (x).next.done']);
    expect(placed.fields.get('steps.1.options')?.length).toBe(1);
    expect(placed.fields.get('roles')?.length).toBe(1);
    expect(placed.fields.get('activation')?.map((issue) => issue.path)).toEqual(['activation[0].zoneIds[1]']);
    expect(placed.plan.map((issue) => issue.path)).toEqual(['body']);
  });

  it('reads a server refusal’s issues by the field each one names', () => {
    const issues = issuesOfRefusal({
      params: { field: 'steps[3] (cordon).next.yes', rule: 'noSuchId', more: 1 },
      issues: [
        { params: { field: 'steps[3] (cordon).next.yes', rule: 'noSuchId', thing: 'step', id: 'x' } },
        { params: { field: 'name.en', rule: 'required' } },
      ],
    });
    expect(issues.map((issue) => fieldKey(issue.path))).toEqual(['steps.3.next.yes', 'name.en']);
    // One issue and no list: the refusal's own params.
    expect(issuesOfRefusal({ params: { field: 'level', rule: 'oneOf' }, issues: [] }).map((issue) => issue.path)).toEqual(['level']);
  });

  it('splits an import refusal into plan, step and field', () => {
    const file = { format: 'vigil.plans', version: 1, plans: [fire, { ...fire, id: 'fire-2', steps: fire.steps.map((step, i) => (i === 2 ? { ...step, role: 'nobody' } : step)) }] };
    const result = parsePlanLibraryFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = issueWhere(result.issues[0]!.path);
    expect(where).toEqual({ plan: { index: 1, id: 'fire-2' }, step: { index: 2, id: fire.steps[2]!.id }, field: 'role' });
    expect(issueWhere('format')).toEqual({ plan: null, step: null, field: 'format' });
    expect(issueWhere('plans[0] (fire).name.zh')).toEqual({ plan: { index: 0, id: 'fire' }, step: null, field: 'name.zh' });
  });
});
