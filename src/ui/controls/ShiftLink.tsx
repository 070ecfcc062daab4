interface ShiftLinkProps {
  testId: string;
  /** True when this control's shift already equals the other one. */
  matches: boolean;
  /** Says which shift it equals, when it does. */
  matchText: string;
  /** Offers to take the other shift over, when it does not. */
  buttonText: string;
  onLink: () => void;
}

/**
 * The explorer, the lab and the sampler each have a shift of their own (they do different jobs:
 * noise H, draw a schedule, sample a model). This says when two of them agree, and otherwise offers
 * to copy one into the other, so nobody mistakes one for another.
 */
export function ShiftLink({ testId, matches, matchText, buttonText, onLink }: ShiftLinkProps) {
  return matches ? (
    <span className="shift-link" data-testid={testId} data-linked="true">
      = {matchText}
    </span>
  ) : (
    <button type="button" className="shift-link" data-testid={testId} data-linked="false" onClick={onLink}>
      {buttonText}
    </button>
  );
}
