import { Card } from 'antd';
import { useId, type ReactNode } from 'react';

/** One action's form on the case page, headed by the action's name (a region per action for assistive technology). */
export function ActionCard({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <Card
        type="inner"
        size="small"
        title={
          <h3 id={id} style={{ fontSize: 15, margin: 0 }}>
            {title}
          </h3>
        }
      >
        {children}
      </Card>
    </section>
  );
}
