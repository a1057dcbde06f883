"""The training cost estimate in the user's language, its currency (USD) always named.

The core's ``CostEstimate.explanation`` is English (the CLI has its own catalogue); the UI says the
same from the estimate's figures, with numbers and money in the chosen locale.
"""

from __future__ import annotations

from app.formats.prices import CostEstimate
from ui.i18n import TranslationContext
from ui.locale_format import money_usd, number

Cost = TranslationContext("Cost")


def cost_explanation(cost: CostEstimate, model: str | None = None) -> str:
    """How the estimate was reached, or why there is none (``model``: the base model asked about)."""
    row = cost.row
    if row is None:
        if not model:
            return Cost.tr("Choose a base model to see a cost estimate.")
        return Cost.tr("No training price is known for {model}. Add it to the price table to see an estimate."
                       ).format(model=model)
    if cost.usd is None:  # billed by the hour (reinforcement fine-tuning)
        return Cost.tr("Reinforcement fine-tuning of {model} is billed by training time ({price} per hour), "
                       "not by tokens, so the cost is not estimated from the data."
                       ).format(model=row.model, price=money_usd(row.training))
    return Cost.tr("About {cost}: {tokens} training tokens at {price} per million ({model}, price of {date}). "
                   "The final bill uses the tokens the job reports."
                   ).format(cost=money_usd(cost.usd), tokens=number(cost.billable_tokens),
                            price=money_usd(row.training), model=row.model, date=row.date)


def cost_amount(usd: float) -> str:
    """A training cost for a sentence: ``$0.42 USD`` / ``US$ 0,42``; "less than $0.01 USD" for a tiny one."""
    if 0 < usd < 0.01:
        return Cost.tr("less than {amount}").format(amount=money_usd(0.01))
    return money_usd(usd)
