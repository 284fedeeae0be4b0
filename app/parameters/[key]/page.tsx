import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Discussion } from "@/components/discussion/discussion";
import { NotReady } from "@/components/not-ready";
import { CurrentValueAndRange, ParameterEffects } from "@/components/parameters/parameter-facts";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { parameterThreadKey } from "@/lib/domain/governance/comment-rules";
import { isParameterKey, PARAMETERS } from "@/lib/domain/parameters/catalogue";
import { loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

type Params = Promise<{ key: string }>;

/** The parameter as the active config version sets it; an unknown key is a 404. */
const loadParameter = cache(async (key: string) => {
  if (!isParameterKey(key)) notFound();
  const result = await loadWhenReady((api) => api.parameters.catalogue());
  if (!result.ready) return null;
  for (const category of result.data.categories) {
    const parameter = category.parameters.find((candidate) => candidate.key === key);
    if (parameter) return { version: result.data.version, category, parameter };
  }
  notFound();
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params;
  if (!isParameterKey(key)) return { title: "Parameter not found" };
  const { label, description } = PARAMETERS[key];
  return { title: label, description };
}

export default async function ParameterPage({ params }: { params: Params }) {
  const { key } = await params;
  const loaded = await loadParameter(key);
  if (!loaded) return <NotReady />;
  const { version, category, parameter } = loaded;

  return (
    <>
      <p className="mb-4">
        <Link href={`/parameters#${encodeURIComponent(parameter.key)}`}>
          <span aria-hidden="true">←</span> All parameters
        </Link>
      </p>
      <PageHeader
        title={parameter.label}
        description={<p>{parameter.description}</p>}
        actions={
          <Button asChild>
            <Link href="/proposals/new">Propose a new value</Link>
          </Button>
        }
      />

      <Card className="max-w-4xl">
        <h2 className="sr-only">In short</h2>
        <dl className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
          <CurrentValueAndRange parameter={parameter} size="large" />
          <div>
            <dt className="text-sm font-medium text-muted-foreground">Unit</dt>
            <dd>{parameter.unit}</dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-muted-foreground">Category</dt>
            <dd>
              <Link href={`/parameters#category-${category.id}`}>{category.label}</Link>
            </dd>
          </div>
        </dl>
        <p className="mt-5 text-sm text-muted-foreground">
          Value set by config version {version}, in force now. Key: <code>{parameter.key}</code>. It changes
          only when a proposal to change it passes a vote.
        </p>
      </Card>

      <section aria-labelledby="effects-heading" className="mt-10 max-w-4xl">
        <h2 id="effects-heading" className="text-2xl font-semibold">
          What a change would do
        </h2>
        <ParameterEffects parameter={parameter} headingLevel="h3" />
        <p className="mt-4 text-muted-foreground">{category.description}</p>
      </section>

      <div className="max-w-4xl">
        <Discussion threadKey={parameterThreadKey(parameter.key)} />
      </div>
    </>
  );
}
