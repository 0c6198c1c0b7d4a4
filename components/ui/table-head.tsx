/** A data table's header row: one column header per name. `tone` picks the banded look of the lists or the plain one of People. */
export function TableHead({ columns, tone = 'banded' }: { columns: readonly string[]; tone?: 'banded' | 'plain' }) {
  const banded = tone === 'banded';
  return (
    <thead
      className={
        banded ? 'bg-slate-50 text-slate-700 dark:bg-slate-900 dark:text-slate-300' : 'border-b border-slate-300 dark:border-slate-700'
      }
    >
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col" className={banded ? 'px-3 py-2 font-medium' : 'py-2 pr-4'}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
