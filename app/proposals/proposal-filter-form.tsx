import { FilterForm, SearchField } from "@/components/ui/filter-form";
import { Label, Select } from "@/components/ui/form-controls";
import { PROPOSAL_SEARCH_MAX } from "@/lib/domain/governance/proposal-limits";
import { PROPOSAL_STATE_VALUES, PROPOSAL_STATES } from "@/lib/domain/governance/proposal-lifecycle";
import { PARAMETER_CATEGORIES } from "@/lib/domain/parameters/parameter-definition";
import type { ProposalListQuery } from "@/lib/schemas/proposal-list-query";
import { SORT_LABELS } from "./proposal-list-text";
import { DEFAULT_PROPOSAL_PAGE_SIZE, proposalsHref } from "./proposals-href";

const LISTED_STATES = PROPOSAL_STATE_VALUES.filter((state) => state !== "Draft");

export function ProposalFilterForm({ query, hasFilters }: { query: ProposalListQuery; hasFilters: boolean }) {
  return (
    <FilterForm
      action="/proposals"
      label="Filter proposals"
      submitLabel="Show proposals"
      clearHref={
        hasFilters
          ? proposalsHref({ ...query, query: undefined, state: undefined, category: undefined, page: 1 })
          : null
      }
      className="sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]"
      actionsClassName="sm:col-span-2 lg:col-span-4"
    >
      <SearchField
        id="proposal-search"
        label="Search titles"
        defaultValue={query.query}
        maxLength={PROPOSAL_SEARCH_MAX}
        placeholder="e.g. pay per GB"
      />
      <div>
        <Label htmlFor="proposal-state">State</Label>
        <Select id="proposal-state" name="state" defaultValue={query.state ?? ""}>
          <option value="">All states</option>
          <option value="open">Open: in discussion, queued or voting</option>
          {LISTED_STATES.map((state) => (
            <option key={state} value={state}>
              {PROPOSAL_STATES[state].label}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="proposal-category">Rules about</Label>
        <Select id="proposal-category" name="category" defaultValue={query.category ?? ""}>
          <option value="">All kinds of rules</option>
          {PARAMETER_CATEGORIES.map((category) => (
            <option key={category.id} value={category.id}>
              {category.label}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="proposal-sort">Sort</Label>
        <Select id="proposal-sort" name="sort" defaultValue={query.sort}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      {query.pageSize !== DEFAULT_PROPOSAL_PAGE_SIZE ? (
        <input type="hidden" name="pageSize" value={query.pageSize} />
      ) : null}
    </FilterForm>
  );
}
