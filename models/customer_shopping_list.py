# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shopping lists of the sub-accounts of a customer company: who reads, who edits,
which lines the person may order, and how a list fills the cart."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

# Changing these is managing the list (its owner or a customer admin); changing the
# lines is editing it (also colleagues it is shared with for editing).
MANAGER_FIELDS = {"name", "owner_id", "sharing", "company_can_edit", "share_ids"}


class CustomerShoppingList(models.Model):
    _name = "customer.shopping.list"
    _description = "Shopping list of a sub-account"
    _order = "name, id"

    name = fields.Char(required=True)
    owner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.partner_id,
    )
    commercial_partner_id = fields.Many2one(
        related="owner_id.commercial_partner_id",
        string="Customer company",
        store=True,
        index=True,
    )
    sharing = fields.Selection(
        [
            ("private", "Private"),
            ("company", "Whole company"),
            ("chosen", "Chosen colleagues"),
        ],
        required=True,
        default="private",
    )
    company_can_edit = fields.Boolean(
        string="Colleagues may edit",
        help="When the list is shared with the whole company: every colleague may "
        "change its lines, not only read them.",
    )
    share_ids = fields.One2many(
        "customer.shopping.list.share", "list_id", string="Shared with"
    )
    line_ids = fields.One2many(
        "customer.shopping.list.line", "list_id", string="Lines", copy=True
    )
    line_count = fields.Integer(compute="_compute_line_count")

    @api.depends("line_ids")
    def _compute_line_count(self):
        for shopping_list in self:
            shopping_list.line_count = len(shopping_list.line_ids)

    @api.constrains("owner_id", "share_ids")
    def _check_share_partners(self):
        for shopping_list in self:
            company = shopping_list.commercial_partner_id
            strangers = shopping_list.share_ids.partner_id.filtered(
                lambda partner, company=company: (
                    partner.commercial_partner_id != company
                )
            )
            if strangers:
                raise ValidationError(
                    _(
                        "A shopping list can only be shared within the company of "
                        "its owner."
                    )
                )

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_managed_by(self, partner):
        """The owner, a customer admin of the company or the company's own login
        rename, share and delete the list."""
        self.ensure_one()
        company = self.commercial_partner_id
        return partner == self.owner_id or (
            partner.commercial_partner_id == company
            and (partner == company or partner.is_customer_admin)
        )

    def _is_editable_by(self, partner):
        """Whether ``partner`` may change the lines of this list."""
        self.ensure_one()
        if self._is_managed_by(partner):
            return True
        if partner.commercial_partner_id != self.commercial_partner_id:
            return False
        if self.sharing == "company":
            return self.company_can_edit
        if self.sharing == "chosen":
            return any(
                share.can_edit
                for share in self.share_ids
                if share.partner_id == partner
            )
        return False

    @api.model
    def _portal_domain(self):
        """The lists of the current user's company: what the portal pages show
        (the record rules narrow it further for sub-accounts; the vendor's staff
        see no customer's lists there)."""
        return Domain(
            "commercial_partner_id", "=", self.env.user.commercial_partner_id.id
        )

    @api.model
    def _get_editable_lists(self):
        """The lists the current user may add products to (for the shop's "Add
        to list"), in a few queries whatever their number."""
        partner = self.env.user.partner_id
        return self.search(self._portal_domain()).filtered(
            lambda rec: rec._is_editable_by(partner)
        )

    def _is_checked_user(self):
        """Portal users are checked here on top of the record rules; the vendor's
        staff and the superuser are not."""
        return not self.env.su and self.env.user.share

    def _check_edit_access(self, manage=False):
        if not self._is_checked_user():
            return
        partner = self.env.user.partner_id
        for shopping_list in self:
            allowed = (
                shopping_list._is_managed_by(partner)
                if manage
                else shopping_list._is_editable_by(partner)
            )
            if not allowed:
                raise AccessError(
                    _(
                        "You may not change the shopping list %s.",
                        shopping_list.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lists = super().create(vals_list)
        lists._check_edit_access(manage=True)
        return lists

    def write(self, vals):
        self._check_edit_access(manage=bool(MANAGER_FIELDS & set(vals)))
        result = super().write(vals)
        if "owner_id" in vals:
            # Handed over: still within the company, to someone one manages for.
            self._check_edit_access(manage=True)
        return result

    def unlink(self):
        self._check_edit_access(manage=True)
        return super().unlink()

    # ------------------------------------------------------------------
    # Colleagues and sharing
    # ------------------------------------------------------------------
    def _get_colleagues(self):
        """The other sub-accounts with a login of the owner's company: those the
        list may be shared with. Read as superuser (a buyer may not read every
        contact), only the names are shown."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", self.commercial_partner_id.id),
                    ("id", "not in", (self.owner_id | self.commercial_partner_id).ids),
                    ("user_ids.share", "=", True),
                ],
                order="name, id",
            )
        )

    def _set_sharing(self, sharing, company_can_edit=False, rights=None):
        """Share the list: ``rights`` maps colleague ids to ``"read"`` or
        ``"edit"`` (used when ``sharing`` is ``"chosen"``); ids that are not
        colleagues are refused."""
        self.ensure_one()
        if sharing not in dict(self._fields["sharing"].selection):
            raise UserError(_("Please choose how to share the list."))
        rights = rights or {}
        colleagues = self._get_colleagues()
        unknown = set(rights) - set(colleagues.ids)
        if unknown or set(rights.values()) - {"read", "edit"}:
            raise UserError(_("The list can only be shared with your colleagues."))
        commands = [fields.Command.clear()]
        if sharing == "chosen":
            commands += [
                fields.Command.create(
                    {"partner_id": partner_id, "can_edit": right == "edit"}
                )
                for partner_id, right in sorted(rights.items())
            ]
        self.write(
            {
                "sharing": sharing,
                "company_can_edit": sharing == "company" and bool(company_can_edit),
                "share_ids": commands,
            }
        )

    # ------------------------------------------------------------------
    # Products: what the person may order, at which price
    # ------------------------------------------------------------------
    @api.model
    def _get_orderable_products(self, products, website):
        """The part of ``products`` the current user may put in the cart of
        ``website``: active, published, sold in that shop, and within the
        contract assortment for a buyer limited to it. In two queries."""
        if not products:
            return products
        website = website.with_env(self.env)  # the shop as the current user sees it
        # The shop's domain is one on templates (the contract restriction in it
        # names template ids): judged on the templates, then per variant.
        templates = (
            self.env["product.template"]
            .sudo()
            .search(
                Domain("id", "in", products.sudo().product_tmpl_id.ids)
                & Domain(website.sale_product_domain())
            )
        )
        orderable = products.sudo().filtered(
            lambda product: product.active and product.product_tmpl_id in templates
        )
        partner = self.env.user.partner_id
        if partner.contract_assortment_only:
            orderable -= partner.sudo()._get_products_outside_contract_assortment(
                orderable
            )
        return products.browse(orderable.ids)

    def _get_orderable_lines(self, website):
        """The lines of these lists the current user may order."""
        lines = self.line_ids
        products = self._get_orderable_products(lines.product_id, website)
        return lines.filtered(lambda line: line.product_id in products)

    @api.model
    def _get_unit_prices(self, products, website, pricelist, fiscal_position):
        """The price of one unit of each product (by id) on the person's pricelist,
        with or without taxes as the shop shows them."""
        if not products:
            return {}
        products = products.sudo()
        rule_prices = pricelist._compute_price_rule(products, 1.0)
        template_model = self.env["product.template"]
        currency = website.currency_id
        prices = {}
        for product in products:
            price = rule_prices[product.id][0]
            if pricelist.currency_id and pricelist.currency_id != currency:
                price = pricelist.currency_id._convert(
                    price, currency, website.company_id, fields.Date.today()
                )
            product_taxes = product.taxes_id._filter_taxes_by_company(
                website.company_id
            )
            taxes = fiscal_position.map_tax(product_taxes)
            prices[product.id] = template_model._apply_taxes_to_price(
                price, currency, product_taxes, taxes, product, website=website
            )
        return prices

    # ------------------------------------------------------------------
    # Changing the lines, filling the cart
    # ------------------------------------------------------------------
    def _add_product(self, product, quantity, website):
        """Add ``quantity`` of ``product`` to this list (to its line when it has
        one). Only products the person may order can be added."""
        self.ensure_one()
        if not quantity or quantity <= 0:
            raise UserError(_("Please enter a quantity above zero."))
        if not self._get_orderable_products(product, website):
            raise UserError(_("This product cannot be added to a shopping list."))
        line = self.line_ids.filtered(lambda line: line.product_id == product)[:1]
        if line:
            line.quantity += quantity
        else:
            self.env["customer.shopping.list.line"].create(
                {"list_id": self.id, "product_id": product.id, "quantity": quantity}
            )

    def _set_quantities(self, quantities):
        """Set the quantities of lines of this list: ``quantities`` maps line ids
        to quantities; a quantity of zero removes the line. Ids of other lists are
        refused before anything is written."""
        self.ensure_one()
        lines_by_id = {line.id: line for line in self.line_ids}
        if set(quantities) - set(lines_by_id):
            raise UserError(_("These lines are not on the shopping list."))
        if any(quantity is None or quantity < 0 for quantity in quantities.values()):
            raise UserError(_("Please enter quantities of zero or more."))
        removed = self.env["customer.shopping.list.line"]
        for line_id, quantity in quantities.items():
            line = lines_by_id[line_id]
            if not quantity:
                removed |= line
            elif quantity != line.quantity:
                line.quantity = quantity
        removed.unlink()

    def _add_to_cart(self, order, website, lines=None):
        """Put ``lines`` (all lines of this list by default) into the cart
        ``order``. Lines the person may not order are skipped.

        :return: (lines added, lines skipped)
        """
        self.ensure_one()
        lines = self.line_ids if lines is None else lines & self.line_ids
        orderable = self._get_orderable_lines(website) & lines
        for line in orderable:
            order._cart_add(line.product_id.id, quantity=line.quantity)
        return orderable, lines - orderable

    @api.model
    def _skipped_message(self, skipped):
        if not skipped:
            return ""
        return _(
            "Not put in the cart, as you cannot order them: %s",
            # Read as superuser: an unpublished product is no longer readable
            # by a portal user, but its name stays on the list.
            ", ".join(skipped.product_id.sudo().mapped("display_name")),
        )
