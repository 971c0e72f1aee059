/**
 * The logic of a troubleshooter's decision table (`content/troubleshooters/*.yaml`): which case a set of answers
 * leads to, which question to ask next, and the checks that keep a table sound as support edits it. Pure functions
 * without imports, shared by the build (schema checks, the no-JavaScript list of cases) and the browser widget.
 */

export interface TroubleshooterOption {
  id: string;
  label: string;
}

export interface TroubleshooterQuestion {
  id: string;
  label: string;
  hint?: string | undefined;
  options: TroubleshooterOption[];
}

export interface TroubleshooterCase {
  id: string;
  /** Question id → the option ids that lead to this case; questions not named don't matter to it. */
  when: Record<string, string[]>;
  answer: string;
  next: string;
  article: string;
}

export interface DecisionTable {
  title: string;
  intro: string;
  questions: TroubleshooterQuestion[];
  cases: TroubleshooterCase[];
}

/** Question id → the option the reader picked. */
export type Answers = Readonly<Record<string, string>>;

export type Step =
  /** Every condition of this case holds, and every case above it is ruled out. */
  | { kind: 'answer'; case: TroubleshooterCase; asked: string[] }
  /** The first case still possible depends on this question, which has no answer yet. */
  | { kind: 'ask'; question: TroubleshooterQuestion; asked: string[] }
  /** No case fits (the build refuses such a table; kept so a caller never has to guess). */
  | { kind: 'none'; asked: string[] };

/**
 * Walks the cases from the top, as the table's readers do: a case is ruled out by an answer outside its
 * conditions, chosen when all its conditions hold, and otherwise waits for the first of its questions without an
 * answer. `asked` lists the questions whose answers were read on the way, in the table's order: the ones to show.
 */
export function resolve(table: DecisionTable, answers: Answers): Step {
  const read = new Set<string>();
  const asked = () => table.questions.filter((q) => read.has(q.id)).map((q) => q.id);
  for (const c of table.cases) {
    let ruledOut = false;
    let open: string | undefined;
    for (const question of table.questions) {
      const allowed = c.when[question.id];
      if (!allowed) continue;
      const answer = answers[question.id];
      if (answer === undefined) {
        open ??= question.id;
        continue;
      }
      read.add(question.id);
      if (!allowed.includes(answer)) {
        ruledOut = true;
        break;
      }
    }
    if (ruledOut) continue;
    if (open === undefined) return { kind: 'answer', case: c, asked: asked() };
    read.add(open);
    return { kind: 'ask', question: table.questions.find((q) => q.id === open)!, asked: asked() };
  }
  return { kind: 'none', asked: asked() };
}

/** One way to reach each case: the answers, in the order they are asked. */
export function pathsToCases(table: DecisionTable): Map<string, [question: string, option: string][]> {
  const paths = new Map<string, [string, string][]>();
  const walk = (answers: Record<string, string>, path: [string, string][]) => {
    const step = resolve(table, answers);
    if (step.kind === 'answer') {
      if (!paths.has(step.case.id)) paths.set(step.case.id, path);
    } else if (step.kind === 'ask') {
      for (const option of step.question.options)
        walk({ ...answers, [step.question.id]: option.id }, [...path, [step.question.id, option.id]]);
    }
  };
  walk({}, []);
  return paths;
}

export interface TableProblem {
  /** Where in the table, as a path of keys and indexes: `['cases', 2, 'when', 'status']`. */
  path: (string | number)[];
  message: string;
}

/**
 * What a schema can't see field by field: conditions that name a question or option that doesn't exist, answers
 * that lead nowhere, and cases no answers can reach (a case below a more general one).
 */
export function checkDecisionTable(table: DecisionTable): TableProblem[] {
  const problems: TableProblem[] = [];
  const questions = new Map(table.questions.map((q) => [q.id, q]));
  const duplicate = (list: { id: string }[], path: (string | number)[], what: string) =>
    list.forEach((item, i) => {
      if (list.findIndex((other) => other.id === item.id) !== i)
        problems.push({ path: [...path, i, 'id'], message: `"${item.id}" is already the id of another ${what}` });
    });
  duplicate(table.questions, ['questions'], 'question');
  table.questions.forEach((q, i) => duplicate(q.options, ['questions', i, 'options'], `option of "${q.id}"`));
  duplicate(table.cases, ['cases'], 'case');

  table.cases.forEach((c, i) => {
    for (const [questionId, optionIds] of Object.entries(c.when)) {
      const question = questions.get(questionId);
      if (!question) {
        problems.push({
          path: ['cases', i, 'when', questionId],
          message: `no question has the id "${questionId}" (questions: ${[...questions.keys()].join(', ')})`,
        });
        continue;
      }
      for (const optionId of optionIds)
        if (!question.options.some((o) => o.id === optionId))
          problems.push({
            path: ['cases', i, 'when', questionId],
            message: `"${optionId}" is not an option of "${questionId}" (options: ${question.options.map((o) => o.id).join(', ')})`,
          });
    }
  });
  if (problems.length) return problems;

  // Every combination of answers must reach a case; tables have a handful of questions, so trying them all is cheap.
  const reached = new Set<string>();
  const combine = (index: number, answers: Record<string, string>): void => {
    const question = table.questions[index];
    if (!question) {
      const step = resolve(table, answers);
      if (step.kind === 'answer') reached.add(step.case.id);
      else if (!problems.some((p) => p.path[0] === 'cases' && p.path.length === 1))
        problems.push({
          path: ['cases'],
          message: `no case fits the answers ${Object.entries(answers)
            .map(([q, o]) => `${q}: ${o}`)
            .join(', ')}; add a case for them, or a last case without conditions`,
        });
      return;
    }
    for (const option of question.options) combine(index + 1, { ...answers, [question.id]: option.id });
  };
  combine(0, {});
  table.cases.forEach((c, i) => {
    if (!reached.has(c.id))
      problems.push({
        path: ['cases', i],
        message: `no answers lead to case "${c.id}": a case above it already takes every answer it could get; move it up or narrow the one above`,
      });
  });
  return problems;
}
