from . import (
    approvals,
    cart,
    contract,
    email_decisions,
    lists,
    main,
    order_for,
    orders,
    substitute,
    team,
)
