/**
 * A quantity as the API sends it: a decimal string of tCO2e (BJ-20), shown as it is — never through a JS number,
 * which cannot hold 0.1 exactly. Thousands are grouped on the integer part only, by string.
 */
export function Quantity({ value, unit = 'tCO₂e' }: { value: string | null | undefined; unit?: string }) {
  if (value === null || value === undefined || value === '') return <span>—</span>;
  const [int, frac] = value.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (
    <span className="quantity">
      {grouped}
      {frac ? `.${frac}` : ''} {unit}
    </span>
  );
}
