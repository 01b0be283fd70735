/**
 * Generated from accounts' OpenAPI document by `npm run console:api-types`
 * (openapi-typescript): do not edit by hand. schema.int-spec.ts fails when this
 * file no longer matches the document.
 */

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange e-mail and password for a JWT access token
         * @description Throttled against password guessing, shared by every replica through Redis: LOGIN_MAX_FAILURES_PER_ACCOUNT (default 10) failed logins for one e-mail address within LOGIN_WINDOW_SECONDS (default 900, counted from the first failure) lock that e-mail address for LOGIN_LOCKOUT_SECONDS (default 900, at most a day); LOGIN_MAX_FAILURES_PER_ADDRESS (default 50) from one client address lock that address (an IPv6 client by its /64) for as long. While locked every login is answered 429 with Retry-After, the right password too. A successful login forgets the e-mail address's failures. Unknown e-mail addresses are counted like real ones. An account lockout is recorded in the tenant's audit log as user.locked-out. While Redis cannot be reached, each replica counts on its own.
         */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I: tenant, role, sites and permissions of the caller */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed what: every mutation with before/after, newest first by default */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operator: list tenants */
        get: operations["PlatformController_list"];
        put?: never;
        /** Operator: create a tenant with its first ADMIN user */
        post: operations["PlatformController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Operator: delete a tenant and everything it owns (repeat its slug in ?confirm=) */
        delete: operations["PlatformController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's tenant: name, SIP domain, currency, country */
        get: operations["TenantController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["TenantController_update"];
        trace?: never;
    };
    "/api/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List branch offices (a SITE_ADMIN sees its own) */
        get: operations["SiteController_list"];
        put?: never;
        /** Create a branch office with its extension number range */
        post: operations["SiteController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SiteController_get"];
        put?: never;
        post?: never;
        delete: operations["SiteController_remove"];
        options?: never;
        head?: never;
        patch: operations["SiteController_update"];
        trace?: never;
    };
    "/api/v1/extensions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List extensions (filter by site, number, class of service, enabled; q searches number and name)
         * @description Each extension carries `online` (its phone is registered now) and `registrations` (how many bindings), asked from the registrar; both are null when the registrar does not answer, and the list is still served.
         */
        get: operations["ExtensionController_list"];
        put?: never;
        /** Create an extension; the response carries its SIP password, shown this once only */
        post: operations["ExtensionController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/extensions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One extension, with `online` and `registrations` as in the list (null when the registrar does not answer) */
        get: operations["ExtensionController_get"];
        put?: never;
        post?: never;
        delete: operations["ExtensionController_remove"];
        options?: never;
        head?: never;
        patch: operations["ExtensionController_update"];
        trace?: never;
    };
    "/api/v1/extensions/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set or generate a new SIP password; the response shows it this once only */
        post: operations["ExtensionController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sites/{siteId}/extensions/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a site's extensions from CSV. dryRun=true only validates; a real import writes every row or none
         * @description A cell that starts with an apostrophe followed by = + - @, tab or CR (optionally after more apostrophes) loses that one apostrophe: it is the one the export adds against spreadsheet formula injection, so an export imports back unchanged.
         */
        post: operations["ExtensionController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sites/{siteId}/extensions/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a site's extensions as CSV, in the import columns (passwords are never exported)
         * @description Against spreadsheet formula injection (OWASP CSV Injection), a cell whose value starts with = + - @, tab or CR, optionally after apostrophes, is written with one leading apostrophe (+4930123 becomes '+4930123, =SUM(A1) becomes '=SUM(A1)), so a spreadsheet shows it as text. The import removes exactly that apostrophe, so an export imports back to the same values.
         */
        get: operations["ExtensionController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where phones are registered now (filter by site or extension; sorted by number)
         * @description One item per binding: the Contact the phone registered, the address its REGISTER came from, its user agent and when it expires. Asked live from the registrar; 503 when the registrar does not answer in time.
         */
        get: operations["RegistrationController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant users and their roles (ADMIN only) */
        get: operations["UserController_list"];
        put?: never;
        post: operations["UserController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UserController_get"];
        put?: never;
        post?: never;
        delete: operations["UserController_remove"];
        options?: never;
        head?: never;
        patch: operations["UserController_update"];
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ApiKeyController_list"];
        put?: never;
        /** Create an API key for automation; the key is in this response only */
        post: operations["ApiKeyController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ApiKeyController_get"];
        put?: never;
        post?: never;
        /** Revoke an API key (it stays listed, marked revoked) */
        delete: operations["ApiKeyController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List PSTN gateways (SIP trunks); passwords are never returned */
        get: operations["GatewayController_list"];
        put?: never;
        post: operations["GatewayController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gateways/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GatewayController_get"];
        put?: never;
        post?: never;
        delete: operations["GatewayController_remove"];
        options?: never;
        head?: never;
        patch: operations["GatewayController_update"];
        trace?: never;
    };
    "/api/v1/rate-decks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rate decks: what each gateway charges */
        get: operations["RateDeckController_list"];
        put?: never;
        post: operations["RateDeckController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rate-decks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RateDeckController_get"];
        put?: never;
        post?: never;
        delete: operations["RateDeckController_remove"];
        options?: never;
        head?: never;
        patch: operations["RateDeckController_update"];
        trace?: never;
    };
    "/api/v1/rate-decks/{deckId}/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a deck's rates (prefix filters by leading digits) */
        get: operations["RateDeckController_listRates"];
        put?: never;
        /** Add a rate: destination prefix, connect fee, price per minute, billing increments, valid-from */
        post: operations["RateDeckController_createRate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rate-decks/{deckId}/rates/{rateId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RateDeckController_getRate"];
        put?: never;
        post?: never;
        delete: operations["RateDeckController_removeRate"];
        options?: never;
        head?: never;
        patch: operations["RateDeckController_updateRate"];
        trace?: never;
    };
    "/api/v1/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List outbound routes: dial pattern, class of service needed, gateways in failover order */
        get: operations["RouteController_list"];
        put?: never;
        post: operations["RouteController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RouteController_get"];
        put?: never;
        post?: never;
        delete: operations["RouteController_remove"];
        options?: never;
        head?: never;
        patch: operations["RouteController_update"];
        trace?: never;
    };
    "/api/v1/dialplan/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a call from this extension to these digits would do now
         * @description Asked live from the routing service, which answers with the same decision it routes calls with: the kind of number, the normalised (E.164) number and its category, whether the extension’s class of service and daily spend limit allow it (else the reason the phone would hear), the outbound route, the gateways in the order a call tries them with the rate each would charge, and the caller ID presented. Channel and concurrent-call limits are not considered (they depend on the calls up at the moment). 503 when routing does not answer in time.
         */
        post: operations["DialplanController_explain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List inbound numbers (E.164) and the extension or conference room each rings */
        get: operations["DidController_list"];
        put?: never;
        post: operations["DidController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dids/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DidController_get"];
        put?: never;
        post?: never;
        delete: operations["DidController_remove"];
        options?: never;
        head?: never;
        patch: operations["DidController_update"];
        trace?: never;
    };
    "/api/v1/conference-rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conference rooms: number, PINs, size limit */
        get: operations["ConferenceRoomController_list"];
        put?: never;
        post: operations["ConferenceRoomController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conference-rooms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ConferenceRoomController_get"];
        put?: never;
        post?: never;
        delete: operations["ConferenceRoomController_remove"];
        options?: never;
        head?: never;
        patch: operations["ConferenceRoomController_update"];
        trace?: never;
    };
    "/api/v1/cdrs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Call records with their cost (money as decimal strings, five places); newest first by default
         * @description from/to filter on the call start. A date (2026-12-03) is a local calendar day in the time zone of the site given as siteId, else of the tenant's first site (UTC without sites), as routing's daily spend guard counts it; to includes its whole day, so from=to=2026-12-03 is that day. A timestamp with Z or an offset is taken as given, to exclusive. A bad date or a to before from is 422 naming the parameter.
         */
        get: operations["CdrController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cdrs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["CdrController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Call charges grouped by site, cost centre, extension, destination, gateway, direction, disposition and day/week/month
         * @description FINANCE and ADMIN see the whole tenant; a SITE_ADMIN sees its sites only (without siteId its sites, a siteId of another site 403); VIEWER 403. from and to are local calendar days, both included, in the time zone of the site given as siteId, else of the tenant's first site (UTC without sites): a day starts at local midnight, so DST days have 23 or 25 hours. The filters are those of GET /cdrs plus destination, country and currency; an empty key filter (siteId=) selects the calls without one. Only calls priced in the report currency count (the tenant's unless currency is given). Postgres adds up calls, answered calls, billable seconds and cost per combination of the groupBy keys. Rounding rule: every cost is the exact sum of the calls’ five-place costs, so the totals equal the sum of the rows exactly; only totals.costRounded is rounded, once, half away from zero, to the currency’s minor unit. compare=true adds the previous period (the months before for whole calendar months, else as many days before) and each figure’s change. A bad parameter, an unknown groupBy key, to before from, a period over three years or a grouping of more than the JSON row limit is 422 naming the parameter. format=csv (or an Accept header preferring text/csv) answers the same rows as a CSV file (RFC 4180: CRLF, quoted fields; bom=true starts it with a UTF-8 byte-order mark for Excel), streamed from a Postgres cursor, without a row limit. A text cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. format=xlsx (or an Accept header preferring application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) answers the same rows and columns as an XLSX workbook of one sheet (bold header row), streamed from the same cursor: counts and amounts are numeric cells, amounts with the format #,##0.00000 and exact (an amount a spreadsheet number could not hold exactly is written as its decimal text), text cells are string cells, never formulas. The file has one line per row: the key columns in groupBy order, then the figures and the currency; compare is JSON only.
         */
        get: operations["ReportController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/top": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The costliest calls, destinations or extensions of a period
         * @description FINANCE and ADMIN see the whole tenant; a SITE_ADMIN sees its sites only (without siteId its sites, a siteId of another site 403); VIEWER 403. from and to are local calendar days, both included, in the time zone of the site given as siteId, else of the tenant's first site (UTC without sites): a day starts at local midnight, so DST days have 23 or 25 hours. The filters are those of GET /cdrs plus destination, country and currency; an empty key filter (siteId=) selects the calls without one. Only calls priced in the report currency count (the tenant's unless currency is given). Costliest first; among equal costs the one with more calls (for calls: the later one). format=csv (or an Accept header preferring text/csv) answers the same rows as a CSV file (RFC 4180: CRLF, quoted fields; bom=true starts it with a UTF-8 byte-order mark for Excel), streamed from a Postgres cursor, without a row limit. A text cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. format=xlsx (or an Accept header preferring application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) answers the same rows and columns as an XLSX workbook of one sheet (bold header row), streamed from the same cursor: counts and amounts are numeric cells, amounts with the format #,##0.00000 and exact (an amount a spreadsheet number could not hold exactly is written as its decimal text), text cells are string cells, never formulas. The file has the columns of the drill-down export for by=calls, else those of a summary grouped by destination or extension.
         */
        get: operations["ReportController_top"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/cdrs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calls behind a report figure (drill-down), paginated like GET /cdrs
         * @description FINANCE and ADMIN see the whole tenant; a SITE_ADMIN sees its sites only (without siteId its sites, a siteId of another site 403); VIEWER 403. from and to are local calendar days, both included, in the time zone of the site given as siteId, else of the tenant's first site (UTC without sites): a day starts at local midnight, so DST days have 23 or 25 hours. The filters are those of GET /cdrs plus destination, country and currency; an empty key filter (siteId=) selects the calls without one. Only calls priced in the report currency count (the tenant's unless currency is given). Give the period and the filters of the report and the key values of the row (siteId, extensionId, destination and country, ..., and from=periodStart&to=periodEnd for a day, week or month): total is then the row’s calls and the costs add up to its cost. Newest first unless sort says otherwise. format=csv (or an Accept header preferring text/csv) answers the same rows as a CSV file (RFC 4180: CRLF, quoted fields; bom=true starts it with a UTF-8 byte-order mark for Excel), streamed from a Postgres cursor, without a row limit. A text cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. format=xlsx (or an Accept header preferring application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) answers the same rows and columns as an XLSX workbook of one sheet (bold header row), streamed from the same cursor: counts and amounts are numeric cells, amounts with the format #,##0.00000 and exact (an amount a spreadsheet number could not hold exactly is written as its decimal text), text cells are string cells, never formulas. The file holds every matching call (page and pageSize do not apply), with its local start time in the report zone, the site code, extension number and gateway name, and the destination and country.
         */
        get: operations["ReportController_cdrs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The monthly call-charge statement of one site, as a PDF
         * @description FINANCE and ADMIN may ask for any site of the tenant; a SITE_ADMIN for its own sites (another site 403); VIEWER 403; a site that does not exist (or is another tenant's) 404. The month's local days are the site's time zone's. The PDF has a header (tenant, site, period, currency), the totals (cost exact and rounded once to the minor unit, as the summary’s totals), totals by category (direction), by extension, the costliest destinations and a bar chart of the daily cost: the figures of GET /reports/summary for that site and month (groupBy direction, extension, day; top destinations), read in one snapshot. A bad siteId or month is 422 naming it.
         */
        get: operations["ReportController_statement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List monthly budgets of sites and cost centres (a SITE_ADMIN sees its sites’ only) */
        get: operations["BudgetController_list"];
        put?: never;
        /** Create a budget for one month of one site or one cost centre, in the tenant’s currency */
        post: operations["BudgetController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Budget vs actual: each budget of a month with what its calls cost so far
         * @description spent is the exact sum of the month’s CDR costs in the budget’s currency, counted like the reports (a site’s month in its time zone, a cost centre’s in the tenant’s reporting zone); percentUsed is rounded to two decimals, thresholdsCrossed compares exactly.
         */
        get: operations["BudgetController_statusOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BudgetController_get"];
        put?: never;
        post?: never;
        delete: operations["BudgetController_remove"];
        options?: never;
        head?: never;
        /** Change a budget’s amount, thresholds or hard limit (a changed amount or thresholds may be crossed again) */
        patch: operations["BudgetController_update"];
        trace?: never;
    };
    "/api/v1/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Kept reconciliations, newest first
         * @description FINANCE and ADMIN; SITE_ADMIN and VIEWER 403 (a gateway carries every site’s calls).
         */
        get: operations["ReconciliationController_list"];
        put?: never;
        /**
         * Reconcile a carrier’s CDR or invoice CSV with our calls through one gateway over a period, and keep the result
         * @description FINANCE and ADMIN; SITE_ADMIN and VIEWER 403 (a gateway carries every site’s calls). The body is the carrier’s CSV (Content-Type: text/csv); the query says which column holds what (a header name, or a 1-based column number) and how it is written. Our side: the answered outbound and emergency calls through the gateway, by answer time (carriers bill from the answer). A carrier row pairs with our call of the same number (carrier numbers are read as E.164 with or without +, with the international prefix, or national with the trunk prefix of the gateway’s site’s country) whose answer time is within startToleranceSec and duration within durationToleranceSec; one to one, closest start first, the same on every run. Rows: matched, price-difference (charge − cost beyond priceTolerance), ours-only, theirs-only; totals exact. The whole file is checked first: a mapping that does not fit is 422 naming the parameter (e.g. chargeColumn), bad cells are 422 naming each row and field ("row 3: charge"), rows starting outside the period (beyond the tolerance) are 422 too (a wrong period or timeZone); nothing is kept then. Limits: IMPORT_BODY_LIMIT, IMPORT_MAX_ROWS (413). Audited as reconciliation.created.
         */
        post: operations["ReconciliationController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One reconciliation’s summary: counts per status and exact totals
         * @description FINANCE and ADMIN; SITE_ADMIN and VIEWER 403 (a gateway carries every site’s calls).
         */
        get: operations["ReconciliationController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliations/{id}/rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A reconciliation’s rows (pairs and one-sided calls), paginated, or all of them as a CSV or XLSX file
         * @description FINANCE and ADMIN; SITE_ADMIN and VIEWER 403 (a gateway carries every site’s calls). In report order (by start, then the carrier’s file row); status filters. format=csv or xlsx (or an Accept header preferring them) answers every row of the filter as a file, written as the report exports are (RFC 4180, bom=true for Excel, text cells neutralised against formula injection; XLSX with numeric amounts), streamed in batches.
         */
        get: operations["ReconciliationController_rows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LoginDto: {
            /** Format: email */
            email: string;
            password: string;
        };
        TokenDto: {
            /** @description Send as Authorization: Bearer <token> */
            accessToken: string;
            /** @enum {string} */
            tokenType: "Bearer";
            /** @description Seconds until the token expires */
            expiresIn: number;
        };
        MeDto: {
            /** Format: uuid */
            tenantId: string;
            /** @enum {string} */
            role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            /** @description The sites a SITE_ADMIN manages; null: every site */
            siteIds: string[] | null;
            actor: {
                /** @enum {string} */
                type: "USER" | "API_KEY" | "SYSTEM";
                id: string | null;
                label: string;
            };
            permissions: ("tenant:read" | "tenant:write" | "sites:read" | "sites:create" | "sites:update" | "sites:delete" | "extensions:read" | "extensions:write" | "registrations:read" | "users:manage" | "api-keys:manage" | "gateways:read" | "gateways:write" | "rates:read" | "rates:write" | "routes:read" | "routes:write" | "dids:read" | "dids:write" | "conference-rooms:read" | "conference-rooms:write" | "cdrs:read" | "reports:read" | "budgets:read" | "budgets:write" | "reconciliations:read" | "reconciliations:write" | "dialplan:explain" | "audit:read")[];
        };
        AuditPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** @enum {string} */
                actorType: "USER" | "API_KEY" | "SYSTEM";
                actorId: string | null;
                actorLabel: string;
                /** @description The event name, e.g. extension.created */
                action: string;
                entityType: string;
                entityId: string;
                /** @description The entity before the change, as the API showed it then; null on create */
                before: {
                    [key: string]: unknown;
                } | null;
                /** @description The entity after the change; null on delete */
                after: {
                    [key: string]: unknown;
                } | null;
                requestId: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        PlatformTenantPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                name: string;
                slug: string;
                /** @description SIP domain and digest realm of every extension */
                sipDomain: string;
                /** @description ISO 4217, the currency calls are priced in */
                currency: string;
                countryCode: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        CreateTenantDto: {
            name: string;
            slug: string;
            sipDomain: string;
            /** @default EUR */
            currency: string;
            countryCode: string;
            admin: {
                /** Format: email */
                email: string;
                name: string;
                password: string;
            };
        };
        PlatformTenantDto: {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            /** @description SIP domain and digest realm of every extension */
            sipDomain: string;
            /** @description ISO 4217, the currency calls are priced in */
            currency: string;
            countryCode: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        TenantDto: {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            /** @description SIP domain and digest realm of every extension */
            sipDomain: string;
            /** @description ISO 4217, the currency calls are priced in */
            currency: string;
            countryCode: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        UpdateTenantDto: {
            name?: string;
            currency?: string;
            countryCode?: string;
        };
        SitePageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                name: string;
                code: string;
                /** @description Digits that reach this site from other sites */
                dialPrefix: string | null;
                extensionRangeStart: number;
                extensionRangeEnd: number;
                /** @description IANA zone; finance date filters count local days in it */
                timeZone: string;
                countryCode: string;
                countryCallingCode: string;
                areaCode: string;
                outsideAccessCode: string;
                costCentre: string | null;
                emergencyCallerId: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                dailySpendLimit: string | null;
                maxConcurrentCalls: number | null;
                maxInternationalCallSeconds: number | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        SiteDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            code: string;
            /** @description Digits that reach this site from other sites */
            dialPrefix: string | null;
            extensionRangeStart: number;
            extensionRangeEnd: number;
            /** @description IANA zone; finance date filters count local days in it */
            timeZone: string;
            countryCode: string;
            countryCallingCode: string;
            areaCode: string;
            outsideAccessCode: string;
            costCentre: string | null;
            emergencyCallerId: string | null;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            dailySpendLimit: string | null;
            maxConcurrentCalls: number | null;
            maxInternationalCallSeconds: number | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        CreateSiteDto: {
            name: string;
            code: string;
            dialPrefix?: string | null;
            extensionRangeStart: number;
            extensionRangeEnd: number;
            timeZone: string;
            countryCode: string;
            countryCallingCode: string;
            areaCode: string;
            /** @default 0 */
            outsideAccessCode: string;
            costCentre?: string | null;
            emergencyCallerId?: string | null;
            /** @description A non-negative decimal with at most 2 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            dailySpendLimit?: (string | null) | (number | null);
            maxConcurrentCalls?: number | null;
            maxInternationalCallSeconds?: number | null;
        };
        UpdateSiteDto: {
            name?: string;
            code?: string;
            dialPrefix?: string | null;
            extensionRangeStart?: number;
            extensionRangeEnd?: number;
            timeZone?: string;
            countryCode?: string;
            countryCallingCode?: string;
            areaCode?: string;
            costCentre?: string | null;
            emergencyCallerId?: string | null;
            /** @description A non-negative decimal with at most 2 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            dailySpendLimit?: (string | null) | (number | null);
            maxConcurrentCalls?: number | null;
            maxInternationalCallSeconds?: number | null;
            outsideAccessCode?: string;
        };
        ExtensionPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** Format: uuid */
                siteId: string;
                number: string;
                displayName: string;
                sipUsername: string;
                externalCallerId: string | null;
                /** @enum {string} */
                classOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                dailySpendLimit: string | null;
                enabled: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
                /** @description The phone is registered now; null when the registrar does not answer */
                online: boolean | null;
                /** @description How many bindings; null when the registrar does not answer */
                registrations: number | null;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        ExtensionWithPresenceDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            siteId: string;
            number: string;
            displayName: string;
            sipUsername: string;
            externalCallerId: string | null;
            /** @enum {string} */
            classOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            dailySpendLimit: string | null;
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
            /** @description The phone is registered now; null when the registrar does not answer */
            online: boolean | null;
            /** @description How many bindings; null when the registrar does not answer */
            registrations: number | null;
        };
        CreateExtensionDto: {
            /** Format: uuid */
            siteId: string;
            number: string;
            displayName: string;
            sipUsername?: string;
            sipPassword?: string;
            externalCallerId?: string | null;
            /**
             * @default NATIONAL
             * @enum {string}
             */
            classOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            /** @description A non-negative decimal with at most 2 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            dailySpendLimit?: (string | null) | (number | null);
            /** @default true */
            enabled: boolean;
        };
        ExtensionWithPasswordDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            siteId: string;
            number: string;
            displayName: string;
            sipUsername: string;
            externalCallerId: string | null;
            /** @enum {string} */
            classOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            dailySpendLimit: string | null;
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
            /** @description The SIP password, shown in this response only */
            sipPassword: string;
        };
        UpdateExtensionDto: {
            /** Format: uuid */
            siteId?: string;
            number?: string;
            displayName?: string;
            sipUsername?: string;
            externalCallerId?: string | null;
            /** @enum {string} */
            classOfService?: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            /** @description A non-negative decimal with at most 2 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            dailySpendLimit?: (string | null) | (number | null);
            enabled?: boolean;
        };
        ExtensionDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            siteId: string;
            number: string;
            displayName: string;
            sipUsername: string;
            externalCallerId: string | null;
            /** @enum {string} */
            classOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            dailySpendLimit: string | null;
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        ResetPasswordDto: {
            sipPassword?: string;
        };
        ImportReportDto: {
            dryRun: boolean;
            /** Format: uuid */
            siteId: string;
            rows: number;
            valid: boolean;
            /** @description The first problems found; nothing is imported if there is any */
            errors: {
                /** @description 1-based data row */
                row: number;
                field: string;
                reason: string;
            }[];
            imported: number;
            /** @description Generated SIP passwords, shown in this response only */
            credentials?: {
                number: string;
                sipUsername: string;
                sipPassword: string;
            }[];
        };
        RegistrationPageDto: {
            data: {
                /** Format: uuid */
                extensionId: string;
                number: string;
                displayName: string;
                /** Format: uuid */
                siteId: string;
                siteCode: string;
                /** @description SIP username: the user part of the address-of-record */
                user: string;
                /** @description The Contact URI the phone registered */
                contact: string;
                /** @description Where the REGISTER came from; behind NAT this is what reaches the phone */
                source: {
                    address: string;
                    port: number;
                    transport: string;
                };
                userAgent: string | null;
                /** Format: date-time */
                expiresAt: string;
                expiresInSeconds: number;
                /** Format: date-time */
                registeredAt: string;
                /** @description The registrar replica that took the registration */
                registrar: string;
            }[];
            page: number;
            pageSize: number;
            total: number;
            /** @description The registrar answered for at most 5000 users of the tenant; more are registered */
            truncated: boolean;
        };
        UserPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                email: string;
                name: string;
                /** @enum {string} */
                role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
                enabled: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                lastLoginAt: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
                /** @description Sites a SITE_ADMIN manages */
                siteIds: string[];
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        UserDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            lastLoginAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
            /** @description Sites a SITE_ADMIN manages */
            siteIds: string[];
        };
        CreateUserDto: {
            /** Format: email */
            email: string;
            name: string;
            password: string;
            /** @enum {string} */
            role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            /** @default [] */
            siteIds: string[];
            /** @default true */
            enabled: boolean;
        };
        UpdateUserDto: {
            name?: string;
            password?: string;
            /** @enum {string} */
            role?: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            siteIds?: string[];
            enabled?: boolean;
        };
        ApiKeyPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                name: string;
                /** @description The first characters of the key, to recognise it */
                prefix: string;
                /** @enum {string} */
                role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
                createdBy: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                expiresAt: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                revokedAt: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                lastUsedAt: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                siteIds: string[];
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        ApiKeyDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            /** @description The first characters of the key, to recognise it */
            prefix: string;
            /** @enum {string} */
            role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            createdBy: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            lastUsedAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            siteIds: string[];
        };
        CreateApiKeyDto: {
            name: string;
            /** @enum {string} */
            role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            /** @default [] */
            siteIds: string[];
            expiresAt?: (string | null) | (string | null);
        };
        ApiKeyWithSecretDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            /** @description The first characters of the key, to recognise it */
            prefix: string;
            /** @enum {string} */
            role: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
            createdBy: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            lastUsedAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            siteIds: string[];
            /** @description The key itself, shown in this response only */
            key: string;
        };
        GatewayPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** Format: uuid */
                siteId: string | null;
                name: string;
                host: string;
                port: number;
                /** @enum {string} */
                transport: "UDP" | "TCP" | "TLS";
                username: string | null;
                stripDigits: number;
                prependDigits: string;
                e164Plus: boolean;
                maxChannels: number;
                enabled: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
                /** @description A trunk password is stored (it is never shown) */
                hasPassword: boolean;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        GatewayDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            siteId: string | null;
            name: string;
            host: string;
            port: number;
            /** @enum {string} */
            transport: "UDP" | "TCP" | "TLS";
            username: string | null;
            stripDigits: number;
            prependDigits: string;
            e164Plus: boolean;
            maxChannels: number;
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
            /** @description A trunk password is stored (it is never shown) */
            hasPassword: boolean;
        };
        CreateGatewayDto: {
            name: string;
            /** Format: uuid */
            siteId?: string | null;
            host: string;
            /** @default 5060 */
            port: number;
            /**
             * @default UDP
             * @enum {string}
             */
            transport: "UDP" | "TCP" | "TLS";
            username?: string | null;
            password?: string | null;
            /** @default 0 */
            stripDigits: number;
            /** @default  */
            prependDigits: string;
            /** @default true */
            e164Plus: boolean;
            /** @default 30 */
            maxChannels: number;
            /** @default true */
            enabled: boolean;
        };
        UpdateGatewayDto: {
            name?: string;
            /** Format: uuid */
            siteId?: string | null;
            host?: string;
            port?: number;
            /** @enum {string} */
            transport?: "UDP" | "TCP" | "TLS";
            username?: string | null;
            password?: string | null;
            stripDigits?: number;
            prependDigits?: string;
            e164Plus?: boolean;
            maxChannels?: number;
            enabled?: boolean;
        };
        RateDeckPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** Format: uuid */
                gatewayId: string;
                name: string;
                currency: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        RateDeckDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            gatewayId: string;
            name: string;
            currency: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        CreateRateDeckDto: {
            name: string;
            /** Format: uuid */
            gatewayId: string;
            /** @default EUR */
            currency: string;
        };
        UpdateRateDeckDto: {
            name?: string;
            currency?: string;
        };
        RatePageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** Format: uuid */
                rateDeckId: string;
                prefix: string;
                description: string;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                connectFee: string;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                pricePerMinute: string;
                /** @description Seconds billed for the first increment */
                initialIncrement: number;
                /** @description Seconds per increment after the first */
                subsequentIncrement: number;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                validFrom: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        RateDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            rateDeckId: string;
            prefix: string;
            description: string;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            connectFee: string;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            pricePerMinute: string;
            /** @description Seconds billed for the first increment */
            initialIncrement: number;
            /** @description Seconds per increment after the first */
            subsequentIncrement: number;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            validFrom: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
        };
        CreateRateDto: {
            prefix: string;
            description: string;
            /** @description A non-negative decimal with at most 5 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            connectFee?: string | number;
            /** @description A non-negative decimal with at most 5 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            pricePerMinute: string | number;
            /** @default 60 */
            initialIncrement: number;
            /** @default 60 */
            subsequentIncrement: number;
            validFrom?: string;
        };
        UpdateRateDto: {
            description?: string;
            /** @description A non-negative decimal with at most 5 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            connectFee?: string | number;
            /** @description A non-negative decimal with at most 5 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            pricePerMinute?: string | number;
            initialIncrement?: number;
            subsequentIncrement?: number;
        };
        RoutePageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                name: string;
                pattern: string;
                priority: number;
                /** @enum {string} */
                requiredClassOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
                isEmergency: boolean;
                /** Format: uuid */
                siteId: string | null;
                enabled: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
                /** @description In failover order */
                gatewayIds: string[];
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        RouteDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            name: string;
            pattern: string;
            priority: number;
            /** @enum {string} */
            requiredClassOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            isEmergency: boolean;
            /** Format: uuid */
            siteId: string | null;
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
            /** @description In failover order */
            gatewayIds: string[];
        };
        CreateRouteDto: {
            name: string;
            pattern: string;
            /** @default 100 */
            priority: number;
            /** @enum {string} */
            requiredClassOfService: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            /** @default false */
            isEmergency: boolean;
            /** Format: uuid */
            siteId?: string | null;
            /** @default true */
            enabled: boolean;
            gatewayIds: string[];
        };
        UpdateRouteDto: {
            name?: string;
            pattern?: string;
            priority?: number;
            /** @enum {string} */
            requiredClassOfService?: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
            isEmergency?: boolean;
            /** Format: uuid */
            siteId?: string | null;
            enabled?: boolean;
            gatewayIds?: string[];
        };
        ExplainBodyDto: {
            /**
             * Format: uuid
             * @description The calling extension
             */
            extensionId: string;
            /** @description The digits as the phone dials them, e.g. "00301234567", "112" or an extension number */
            dialed: string;
        };
        ExplainReplyDto: {
            dialed: string;
            /** @enum {string} */
            kind: "internal" | "emergency" | "external" | "invalid";
            /** @description E.164 for outside calls; the extension or emergency number; null when invalid */
            normalised: string | null;
            /** @description local, national, international or premium for outside calls; internal; emergency */
            category: string | null;
            /** @description The caller’s class of service */
            classOfService: string;
            allowed: boolean;
            /** @description Why the call would be refused (the SIP reason phrase the phone sees) */
            reason?: string;
            /** @description The SIP status a refused call gets */
            status?: number;
            /** @description The outbound route that matched */
            route?: {
                /** Format: uuid */
                id: string;
                name: string;
                pattern: string;
            };
            /** @description Gateways in the order a call would try them */
            gateways: {
                /** Format: uuid */
                id: string;
                name: string;
                /** @description Place in the route’s own list */
                position: number;
                /** @description The rate line that would price the call (longest prefix valid now); null for emergency calls, which are free */
                rate: {
                    prefix: string;
                    description: string;
                    /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                    connectFee: string;
                    /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                    pricePerMinute: string;
                    currency: string;
                    /** @description Seconds charged for the first increment (60 in "60/60", 30 in "30/6") */
                    initialIncrement: number;
                    /** @description Seconds per further increment (6 in "30/6") */
                    subsequentIncrement: number;
                } | null;
                /** @description 1-based order in which the call tries it: least cost first (emergency: own site first) */
                order: number;
            }[];
            /** @description E.164 presented to the far end; null: anonymous or not an outside call */
            callerId: string | null;
            /** @description Whether the call would be charged; null for a number that cannot be dialled */
            billing?: {
                free: boolean;
                /** @description Why: internal and emergency calls are free; outside calls are priced by the carrying gateway’s rate */
                note: string;
            } | null;
        };
        DidPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                number: string;
                /** Format: uuid */
                siteId: string | null;
                /** Format: uuid */
                extensionId: string | null;
                /** Format: uuid */
                conferenceRoomId: string | null;
                description: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        DidDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            number: string;
            /** Format: uuid */
            siteId: string | null;
            /** Format: uuid */
            extensionId: string | null;
            /** Format: uuid */
            conferenceRoomId: string | null;
            description: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        CreateDidDto: {
            number: string;
            /** Format: uuid */
            siteId?: string | null;
            description?: string | null;
            /** Format: uuid */
            extensionId?: string | null;
            /** Format: uuid */
            conferenceRoomId?: string | null;
        };
        UpdateDidDto: {
            /** Format: uuid */
            siteId?: string | null;
            description?: string | null;
            /** Format: uuid */
            extensionId?: string | null;
            /** Format: uuid */
            conferenceRoomId?: string | null;
        };
        ConferenceRoomPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** Format: uuid */
                siteId: string | null;
                number: string;
                name: string;
                pin: string | null;
                moderatorPin: string | null;
                maxParticipants: number;
                enabled: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        ConferenceRoomDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            siteId: string | null;
            number: string;
            name: string;
            pin: string | null;
            moderatorPin: string | null;
            maxParticipants: number;
            enabled: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        CreateConferenceRoomDto: {
            number: string;
            name: string;
            /** Format: uuid */
            siteId?: string | null;
            pin?: string | null;
            moderatorPin?: string | null;
            /** @default 20 */
            maxParticipants: number;
            /** @default true */
            enabled: boolean;
        };
        UpdateConferenceRoomDto: {
            number?: string;
            name?: string;
            /** Format: uuid */
            siteId?: string | null;
            pin?: string | null;
            moderatorPin?: string | null;
            maxParticipants?: number;
            enabled?: boolean;
        };
        CdrPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                callId: string;
                /** @enum {string} */
                direction: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                /** @enum {string} */
                disposition: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                sipStatus: number | null;
                hangupCause: string | null;
                callerNumber: string;
                callerName: string | null;
                /** Format: uuid */
                callerExtensionId: string | null;
                /**
                 * Format: uuid
                 * @description The branch the call is charged to
                 */
                siteId: string | null;
                /** @description The site's cost centre at call time */
                costCentre: string | null;
                dialedNumber: string;
                /** @description E.164 after normalisation; null for internal calls */
                normalizedNumber: string | null;
                /** Format: uuid */
                calleeExtensionId: string | null;
                /** Format: uuid */
                routeId: string | null;
                /** Format: uuid */
                gatewayId: string | null;
                sourceIp: string | null;
                userAgent: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                startedAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                answeredAt: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                endedAt: string;
                durationSec: number;
                billableSec: number;
                /** Format: uuid */
                rateDeckId: string | null;
                ratePrefix: string | null;
                rateDescription: string | null;
                /** @enum {string|null} */
                hangupBy: "CALLER" | "CALLEE" | "SYSTEM" | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                connectFee: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                pricePerMinute: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                cost: string;
                currency: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        CdrDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            callId: string;
            /** @enum {string} */
            direction: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
            /** @enum {string} */
            disposition: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
            sipStatus: number | null;
            hangupCause: string | null;
            callerNumber: string;
            callerName: string | null;
            /** Format: uuid */
            callerExtensionId: string | null;
            /**
             * Format: uuid
             * @description The branch the call is charged to
             */
            siteId: string | null;
            /** @description The site's cost centre at call time */
            costCentre: string | null;
            dialedNumber: string;
            /** @description E.164 after normalisation; null for internal calls */
            normalizedNumber: string | null;
            /** Format: uuid */
            calleeExtensionId: string | null;
            /** Format: uuid */
            routeId: string | null;
            /** Format: uuid */
            gatewayId: string | null;
            sourceIp: string | null;
            userAgent: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            startedAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            answeredAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            endedAt: string;
            durationSec: number;
            billableSec: number;
            /** Format: uuid */
            rateDeckId: string | null;
            ratePrefix: string | null;
            rateDescription: string | null;
            /** @enum {string|null} */
            hangupBy: "CALLER" | "CALLEE" | "SYSTEM" | null;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            connectFee: string | null;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            pricePerMinute: string | null;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            cost: string;
            currency: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
        };
        ReportSummaryDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @description The IANA zone whose local days the period and buckets are */
            timeZone: string;
            /** @description ISO 4217; every amount of the report is in it */
            currency: string;
            groupBy: ("site" | "costCentre" | "extension" | "destination" | "gateway" | "direction" | "disposition" | "day" | "week" | "month")[];
            rows: {
                /**
                 * Format: uuid
                 * @description groupBy site (null: calls charged to no site)
                 */
                siteId?: string | null;
                siteCode?: string | null;
                siteName?: string | null;
                /** @description groupBy costCentre */
                costCentre?: string | null;
                /**
                 * Format: uuid
                 * @description groupBy extension: the caller's extension, else (inbound) the callee's
                 */
                extensionId?: string | null;
                extensionNumber?: string | null;
                extensionName?: string | null;
                /** @description groupBy destination: the rate's description, else the calling code's country; null for inbound and internal calls */
                destination?: string | null;
                /** @description groupBy destination: ISO 3166-1 country of the calling code */
                country?: string | null;
                /**
                 * Format: uuid
                 * @description groupBy gateway
                 */
                gatewayId?: string | null;
                gatewayName?: string | null;
                /** @enum {string} */
                direction?: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                /** @enum {string} */
                disposition?: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                /** @description groupBy day, week or month: 2026-03-29, 2026-W13 or 2026-03 */
                period?: string;
                /**
                 * Format: date
                 * @description The bucket's first local day within the period (drill down with from=periodStart)
                 */
                periodStart?: string;
                /**
                 * Format: date
                 * @description The bucket's last local day within the period (drill down with to=periodEnd)
                 */
                periodEnd?: string;
                calls: number;
                /** @description Calls with disposition ANSWERED */
                answered: number;
                /** @description Sum of the calls’ billable seconds (after the rate’s increments) */
                billableSeconds: number;
                /** @description Exact sum of the calls’ costs (five places, nothing rounded) */
                cost: string;
                /** @description compare=true: against the previous period’s row of the same keys (the n-th day/week/month against the n-th); a row without one is compared with no calls */
                change?: {
                    calls: {
                        /** @description current − previous */
                        delta: number;
                        /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                        percent: number | null;
                    };
                    answered: {
                        /** @description current − previous */
                        delta: number;
                        /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                        percent: number | null;
                    };
                    billableSeconds: {
                        /** @description current − previous */
                        delta: number;
                        /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                        percent: number | null;
                    };
                    cost: {
                        /** @description current − previous, exact */
                        delta: string;
                        /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                        percent: number | null;
                    };
                };
            }[];
            /** @description All calls of the period matching the filters, in the report currency */
            totals: {
                calls: number;
                /** @description Calls with disposition ANSWERED */
                answered: number;
                /** @description Sum of the calls’ billable seconds (after the rate’s increments) */
                billableSeconds: number;
                /** @description Exact sum of the rows’ cost (equal to it to the 0.00001) */
                cost: string;
                /** @description cost rounded once, half away from zero, to the currency's minor unit (cents for EUR): the amount to invoice */
                costRounded: string;
            };
            /** @description Calls matching the filters but priced in another currency: not in the figures above, listed so none goes unseen */
            otherCurrencies: {
                currency: string;
                calls: number;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                cost: string;
            }[];
            /** @description compare=true: the same report over the previous period */
            previous?: {
                /** Format: date */
                from: string;
                /** Format: date */
                to: string;
                rows: {
                    /**
                     * Format: uuid
                     * @description groupBy site (null: calls charged to no site)
                     */
                    siteId?: string | null;
                    siteCode?: string | null;
                    siteName?: string | null;
                    /** @description groupBy costCentre */
                    costCentre?: string | null;
                    /**
                     * Format: uuid
                     * @description groupBy extension: the caller's extension, else (inbound) the callee's
                     */
                    extensionId?: string | null;
                    extensionNumber?: string | null;
                    extensionName?: string | null;
                    /** @description groupBy destination: the rate's description, else the calling code's country; null for inbound and internal calls */
                    destination?: string | null;
                    /** @description groupBy destination: ISO 3166-1 country of the calling code */
                    country?: string | null;
                    /**
                     * Format: uuid
                     * @description groupBy gateway
                     */
                    gatewayId?: string | null;
                    gatewayName?: string | null;
                    /** @enum {string} */
                    direction?: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                    /** @enum {string} */
                    disposition?: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                    /** @description groupBy day, week or month: 2026-03-29, 2026-W13 or 2026-03 */
                    period?: string;
                    /**
                     * Format: date
                     * @description The bucket's first local day within the period (drill down with from=periodStart)
                     */
                    periodStart?: string;
                    /**
                     * Format: date
                     * @description The bucket's last local day within the period (drill down with to=periodEnd)
                     */
                    periodEnd?: string;
                    calls: number;
                    /** @description Calls with disposition ANSWERED */
                    answered: number;
                    /** @description Sum of the calls’ billable seconds (after the rate’s increments) */
                    billableSeconds: number;
                    /** @description Exact sum of the calls’ costs (five places, nothing rounded) */
                    cost: string;
                    /** @description compare=true: against the previous period’s row of the same keys (the n-th day/week/month against the n-th); a row without one is compared with no calls */
                    change?: {
                        calls: {
                            /** @description current − previous */
                            delta: number;
                            /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                            percent: number | null;
                        };
                        answered: {
                            /** @description current − previous */
                            delta: number;
                            /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                            percent: number | null;
                        };
                        billableSeconds: {
                            /** @description current − previous */
                            delta: number;
                            /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                            percent: number | null;
                        };
                        cost: {
                            /** @description current − previous, exact */
                            delta: string;
                            /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                            percent: number | null;
                        };
                    };
                }[];
                /** @description All calls of the period matching the filters, in the report currency */
                totals: {
                    calls: number;
                    /** @description Calls with disposition ANSWERED */
                    answered: number;
                    /** @description Sum of the calls’ billable seconds (after the rate’s increments) */
                    billableSeconds: number;
                    /** @description Exact sum of the rows’ cost (equal to it to the 0.00001) */
                    cost: string;
                    /** @description cost rounded once, half away from zero, to the currency's minor unit (cents for EUR): the amount to invoice */
                    costRounded: string;
                };
            };
            /** @description compare=true: the totals against the previous period’s */
            change?: {
                calls: {
                    /** @description current − previous */
                    delta: number;
                    /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                    percent: number | null;
                };
                answered: {
                    /** @description current − previous */
                    delta: number;
                    /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                    percent: number | null;
                };
                billableSeconds: {
                    /** @description current − previous */
                    delta: number;
                    /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                    percent: number | null;
                };
                cost: {
                    /** @description current − previous, exact */
                    delta: string;
                    /** @description delta / previous × 100, one decimal place; null when the previous is 0 */
                    percent: number | null;
                };
            };
        };
        ReportTopDto: {
            /** @enum {string} */
            by: "calls" | "destinations" | "extensions";
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            timeZone: string;
            currency: string;
            /** @description Costliest first: calls (CDRs) for by=calls, else the figures of each destination or extension */
            data: ({
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                callId: string;
                /** @enum {string} */
                direction: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                /** @enum {string} */
                disposition: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                sipStatus: number | null;
                hangupCause: string | null;
                callerNumber: string;
                callerName: string | null;
                /** Format: uuid */
                callerExtensionId: string | null;
                /**
                 * Format: uuid
                 * @description The branch the call is charged to
                 */
                siteId: string | null;
                /** @description The site's cost centre at call time */
                costCentre: string | null;
                dialedNumber: string;
                /** @description E.164 after normalisation; null for internal calls */
                normalizedNumber: string | null;
                /** Format: uuid */
                calleeExtensionId: string | null;
                /** Format: uuid */
                routeId: string | null;
                /** Format: uuid */
                gatewayId: string | null;
                sourceIp: string | null;
                userAgent: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                startedAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                answeredAt: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                endedAt: string;
                durationSec: number;
                billableSec: number;
                /** Format: uuid */
                rateDeckId: string | null;
                ratePrefix: string | null;
                rateDescription: string | null;
                /** @enum {string|null} */
                hangupBy: "CALLER" | "CALLEE" | "SYSTEM" | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                connectFee: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                pricePerMinute: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                cost: string;
                currency: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
            } | {
                destination: string | null;
                country: string | null;
                calls: number;
                /** @description Calls with disposition ANSWERED */
                answered: number;
                /** @description Sum of the calls’ billable seconds (after the rate’s increments) */
                billableSeconds: number;
                /** @description Exact sum of the calls’ costs (five places, nothing rounded) */
                cost: string;
            } | {
                /** Format: uuid */
                extensionId: string | null;
                extensionNumber: string | null;
                extensionName: string | null;
                calls: number;
                /** @description Calls with disposition ANSWERED */
                answered: number;
                /** @description Sum of the calls’ billable seconds (after the rate’s increments) */
                billableSeconds: number;
                /** @description Exact sum of the calls’ costs (five places, nothing rounded) */
                cost: string;
            })[];
        };
        BudgetPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** @description YYYY-MM */
                month: string;
                /** Format: uuid */
                siteId: string | null;
                costCentre: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                amount: string;
                currency: string;
                thresholds: number[];
                hardLimit: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        BudgetStatusListDto: {
            month: string;
            data: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                tenantId: string;
                /** @description YYYY-MM */
                month: string;
                /** Format: uuid */
                siteId: string | null;
                costCentre: string | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                amount: string;
                currency: string;
                thresholds: number[];
                hardLimit: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                updatedAt: string;
                /** @description The zone the month is counted in: the site’s, or for a cost centre the tenant’s reporting zone */
                timeZone: string;
                /** @description First local day of the month */
                periodStart: string;
                /** @description Last local day of the month */
                periodEnd: string;
                /** @description Exact sum of the month’s call costs in the budget’s currency, as the reports count them */
                spent: string;
                /** @description amount − spent (negative when over) */
                remaining: string;
                /** @description spent / amount in percent, two decimals */
                percentUsed: number;
                /** @description The thresholds the spend has reached (compared exactly) */
                thresholdsCrossed: number[];
            }[];
        };
        BudgetDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /** @description YYYY-MM */
            month: string;
            /** Format: uuid */
            siteId: string | null;
            costCentre: string | null;
            /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
            amount: string;
            currency: string;
            thresholds: number[];
            hardLimit: boolean;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            updatedAt: string;
        };
        CreateBudgetDto: {
            /** @description A calendar month, YYYY-MM */
            month: string;
            /** Format: uuid */
            siteId?: string;
            costCentre?: string;
            /** @description A non-negative decimal with at most 5 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            amount: string | number;
            /** @description ISO 4217; must be the tenant's currency (the default) */
            currency?: string;
            /**
             * @description Percentages of the amount (1-1000) whose crossing publishes budget.threshold_crossed, once each
             * @default [
             *       80,
             *       100
             *     ]
             */
            thresholds: number[];
            /**
             * @description At 100 % routing refuses the site’s new outside calls (emergency calls always pass); site budgets only
             * @default false
             */
            hardLimit: boolean;
        };
        UpdateBudgetDto: {
            /** @description A non-negative decimal with at most 5 decimals, as a string ("0.0225") or a JSON number; shown with five decimals */
            amount?: string | number;
            /** @description Percentages of the amount (1-1000) whose crossing publishes budget.threshold_crossed, once each */
            thresholds?: number[];
            hardLimit?: boolean;
        };
        ReconciliationRowPageDto: {
            data: {
                /** @description Order in the report: by start, then file row */
                position: number;
                /** @enum {string} */
                status: "matched" | "price-difference" | "ours-only" | "theirs-only";
                /** @description The called number, E.164 */
                number: string;
                /** Format: uuid */
                cdrId: string | null;
                callId: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                ourStart: string | null;
                ourDurationSec: number | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                ourCost: string | null;
                /** @description 1-based data row of the carrier’s file */
                carrierRow: number | null;
                carrierReference: string | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                carrierStart: string | null;
                carrierDurationSec: number | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                carrierCharge: string | null;
                /** @description Carrier − ours, for pairs */
                startDifferenceSec: number | null;
                /** @description Carrier − ours, for pairs */
                durationDifferenceSec: number | null;
                /** @description Decimal as a string with exactly five places, e.g. "0.02250" (never a float) */
                priceDifference: string | null;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
        ReconciliationDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description Null once the gateway was deleted
             */
            gatewayId: string | null;
            gatewayName: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            from: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            to: string;
            currency: string;
            /** @description What the request chose: mapping, formats, tolerances, file name */
            options: {
                [key: string]: unknown;
            };
            /** @description Our answered calls through the gateway in the period (and those paired just outside it) */
            ourCalls: number;
            /** @description The carrier file’s rows */
            carrierCalls: number;
            /** @description matched + priceDifferences */
            pairs: number;
            matched: number;
            priceDifferences: number;
            /** @description Our calls the carrier did not bill */
            oursOnly: number;
            /** @description Rows the carrier billed that we have no call for */
            theirsOnly: number;
            /** @description Exact sum of our costs */
            ourTotal: string;
            /** @description Exact sum of the carrier’s charges */
            theirTotal: string;
            /** @description theirTotal − ourTotal */
            difference: string;
            /** @description The pairs’ share of the difference (the rest is unmatched calls) */
            pairedDifference: string;
            createdBy: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp
             */
            createdAt: string;
        };
        ReconciliationPageDto: {
            data: {
                /** Format: uuid */
                id: string;
                /**
                 * Format: uuid
                 * @description Null once the gateway was deleted
                 */
                gatewayId: string | null;
                gatewayName: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                from: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                to: string;
                currency: string;
                /** @description What the request chose: mapping, formats, tolerances, file name */
                options: {
                    [key: string]: unknown;
                };
                /** @description Our answered calls through the gateway in the period (and those paired just outside it) */
                ourCalls: number;
                /** @description The carrier file’s rows */
                carrierCalls: number;
                /** @description matched + priceDifferences */
                pairs: number;
                matched: number;
                priceDifferences: number;
                /** @description Our calls the carrier did not bill */
                oursOnly: number;
                /** @description Rows the carrier billed that we have no call for */
                theirsOnly: number;
                /** @description Exact sum of our costs */
                ourTotal: string;
                /** @description Exact sum of the carrier’s charges */
                theirTotal: string;
                /** @description theirTotal − ourTotal */
                difference: string;
                /** @description The pairs’ share of the difference (the rest is unmatched calls) */
                pairedDifference: string;
                createdBy: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 UTC timestamp
                 */
                createdAt: string;
            }[];
            page: number;
            pageSize: number;
            /** @description Items matching the filters, over all pages */
            total: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenDto"];
                };
            };
            /** @description E-mail or password is wrong (problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many failed logins for this e-mail address or from this client address (problem+json); Retry-After says when to try again */
            429: {
                headers: {
                    /** @description Seconds until the lock runs out */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                entityType?: string;
                entityId?: string;
                action?: string;
                actorId?: string;
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ok */
                        status?: string;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example error */
                        status?: string;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    PlatformController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                q?: string;
            };
            header: {
                /** @description The operator token (PLATFORM_TOKEN) */
                "X-Platform-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformTenantPageDto"];
                };
            };
        };
    };
    PlatformController_create: {
        parameters: {
            query?: never;
            header: {
                /** @description The operator token (PLATFORM_TOKEN) */
                "X-Platform-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformTenantDto"];
                };
            };
        };
    };
    PlatformController_remove: {
        parameters: {
            query: {
                confirm: string;
            };
            header: {
                /** @description The operator token (PLATFORM_TOKEN) */
                "X-Platform-Token": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TenantController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
        };
    };
    TenantController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
        };
    };
    SiteController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                code?: string;
                costCentre?: string;
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SitePageDto"];
                };
            };
        };
    };
    SiteController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSiteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteDto"];
                };
            };
        };
    };
    SiteController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteDto"];
                };
            };
        };
    };
    SiteController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SiteController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSiteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteDto"];
                };
            };
        };
    };
    ExtensionController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                siteId?: string;
                number?: string;
                classOfService?: "INTERNAL" | "LOCAL" | "NATIONAL" | "INTERNATIONAL" | "PREMIUM";
                enabled?: "true" | "false";
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionPageDto"];
                };
            };
        };
    };
    ExtensionController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExtensionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionWithPasswordDto"];
                };
            };
        };
    };
    ExtensionController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionWithPresenceDto"];
                };
            };
        };
    };
    ExtensionController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateExtensionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionDto"];
                };
            };
        };
    };
    ExtensionController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionWithPasswordDto"];
                };
            };
        };
    };
    ExtensionController_import: {
        parameters: {
            query?: {
                dryRun?: "true" | "false";
            };
            header?: never;
            path: {
                siteId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportDto"];
                };
            };
        };
    };
    ExtensionController_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
        };
    };
    RegistrationController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                siteId?: string;
                extensionId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationPageDto"];
                };
            };
            /** @description The registrar did not answer (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UserController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                role?: "ADMIN" | "SITE_ADMIN" | "FINANCE" | "VIEWER";
                enabled?: "true" | "false";
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
        };
    };
    UserController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    UserController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    UserController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UserController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    ApiKeyController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                revoked?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPageDto"];
                };
            };
        };
    };
    ApiKeyController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyWithSecretDto"];
                };
            };
        };
    };
    ApiKeyController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
        };
    };
    ApiKeyController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GatewayController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                siteId?: string;
                enabled?: "true" | "false";
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayPageDto"];
                };
            };
        };
    };
    GatewayController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGatewayDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayDto"];
                };
            };
        };
    };
    GatewayController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayDto"];
                };
            };
        };
    };
    GatewayController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GatewayController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGatewayDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayDto"];
                };
            };
        };
    };
    RateDeckController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                gatewayId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDeckPageDto"];
                };
            };
        };
    };
    RateDeckController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRateDeckDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDeckDto"];
                };
            };
        };
    };
    RateDeckController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDeckDto"];
                };
            };
        };
    };
    RateDeckController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RateDeckController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRateDeckDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDeckDto"];
                };
            };
        };
    };
    RateDeckController_listRates: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                prefix?: string;
                q?: string;
            };
            header?: never;
            path: {
                deckId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePageDto"];
                };
            };
        };
    };
    RateDeckController_createRate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deckId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRateDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDto"];
                };
            };
        };
    };
    RateDeckController_getRate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deckId: string;
                rateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDto"];
                };
            };
        };
    };
    RateDeckController_removeRate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deckId: string;
                rateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RateDeckController_updateRate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deckId: string;
                rateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateDto"];
                };
            };
        };
    };
    RouteController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                siteId?: string;
                gatewayId?: string;
                isEmergency?: "true" | "false";
                enabled?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutePageDto"];
                };
            };
        };
    };
    RouteController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRouteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteDto"];
                };
            };
        };
    };
    RouteController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteDto"];
                };
            };
        };
    };
    RouteController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RouteController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRouteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteDto"];
                };
            };
        };
    };
    DialplanController_explain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExplainBodyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExplainReplyDto"];
                };
            };
            /** @description No such extension in your tenant (or your sites) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid body (problem+json naming the field) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The routing service did not answer (problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DidController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                siteId?: string;
                extensionId?: string;
                conferenceRoomId?: string;
                number?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DidPageDto"];
                };
            };
        };
    };
    DidController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDidDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DidDto"];
                };
            };
        };
    };
    DidController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DidDto"];
                };
            };
        };
    };
    DidController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DidController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDidDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DidDto"];
                };
            };
        };
    };
    ConferenceRoomController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                siteId?: string;
                enabled?: "true" | "false";
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConferenceRoomPageDto"];
                };
            };
        };
    };
    ConferenceRoomController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConferenceRoomDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConferenceRoomDto"];
                };
            };
        };
    };
    ConferenceRoomController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConferenceRoomDto"];
                };
            };
        };
    };
    ConferenceRoomController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConferenceRoomController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConferenceRoomDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConferenceRoomDto"];
                };
            };
        };
    };
    CdrController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                /** @description Calls started at or after this. A date (2026-12-03) is the start of that local day in the zone of the filtered site, else of the tenant's first site; a timestamp with Z or an offset is taken as given. */
                from?: string;
                /** @description Calls started before this. A date includes that whole local day (from=to=2026-12-03 is one day, DST days have 23 or 25 hours); a timestamp with Z or an offset is exclusive. */
                to?: string;
                siteId?: string;
                extensionId?: string;
                gatewayId?: string;
                direction?: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                disposition?: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                costCentre?: string;
                callId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CdrPageDto"];
                };
            };
        };
    };
    CdrController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CdrDto"];
                };
            };
        };
    };
    ReportController_summary: {
        parameters: {
            query: {
                /** @description First local day of the period (included), in the report's time zone: the filtered site's, else the tenant's first site's */
                from: string;
                /** @description Last local day of the period (included); at most 1096 days (three years) after from */
                to: string;
                /** @description Only calls with this siteId; empty (siteId=) selects the calls without one */
                siteId?: string;
                /** @description Only calls of this extension: the caller's for calls it made, the callee's for inbound calls (each call counts for one extension, so the rows of a summary add up); empty selects the calls of no extension */
                extensionId?: string;
                /** @description Only calls with this gatewayId; empty (gatewayId=) selects the calls without one */
                gatewayId?: string;
                /** @description Only calls with this costCentre; empty (costCentre=) selects the calls without one */
                costCentre?: string;
                /** @description Only calls to this destination as a summary names it: the rate's description, else the country of the number's calling code (outbound and emergency calls); empty selects calls without one (inbound, internal) */
                destination?: string;
                /** @description Only calls to numbers of this country (ISO 3166-1 alpha-2, from the calling code); empty selects calls without one */
                country?: string;
                direction?: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                disposition?: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                /** @description Only calls priced in this currency (ISO 4217); the tenant's currency unless given */
                currency?: string;
                /** @description Comma-separated keys the rows are split by, in the order they are sorted: any of site, costCentre, extension, destination, gateway, direction, disposition and at most one of day, week, month (weeks are ISO weeks, Monday to Sunday), e.g. site,month */
                groupBy: string;
                /** @description csv: the same rows as an RFC 4180 CSV file (also chosen by Accept: text/csv); xlsx: as an XLSX workbook (also chosen by Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); format wins over Accept */
                format?: "json" | "csv" | "xlsx";
                /** @description CSV only: start the file with a UTF-8 byte-order mark, so Excel reads umlauts right */
                bom?: "true" | "false";
                /** @description Also report the previous period of the same length (the months before for whole calendar months, else as many days before) and the change of every row and of the totals */
                compare?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report (JSON), or its rows as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportSummaryDto"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
        };
    };
    ReportController_top: {
        parameters: {
            query: {
                /** @description First local day of the period (included), in the report's time zone: the filtered site's, else the tenant's first site's */
                from: string;
                /** @description Last local day of the period (included); at most 1096 days (three years) after from */
                to: string;
                /** @description Only calls with this siteId; empty (siteId=) selects the calls without one */
                siteId?: string;
                /** @description Only calls of this extension: the caller's for calls it made, the callee's for inbound calls (each call counts for one extension, so the rows of a summary add up); empty selects the calls of no extension */
                extensionId?: string;
                /** @description Only calls with this gatewayId; empty (gatewayId=) selects the calls without one */
                gatewayId?: string;
                /** @description Only calls with this costCentre; empty (costCentre=) selects the calls without one */
                costCentre?: string;
                /** @description Only calls to this destination as a summary names it: the rate's description, else the country of the number's calling code (outbound and emergency calls); empty selects calls without one (inbound, internal) */
                destination?: string;
                /** @description Only calls to numbers of this country (ISO 3166-1 alpha-2, from the calling code); empty selects calls without one */
                country?: string;
                direction?: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                disposition?: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                /** @description Only calls priced in this currency (ISO 4217); the tenant's currency unless given */
                currency?: string;
                /** @description The costliest calls, destinations or extensions of the period */
                by: "calls" | "destinations" | "extensions";
                limit?: number;
                /** @description csv: the same rows as an RFC 4180 CSV file (also chosen by Accept: text/csv); xlsx: as an XLSX workbook (also chosen by Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); format wins over Accept */
                format?: "json" | "csv" | "xlsx";
                /** @description CSV only: start the file with a UTF-8 byte-order mark, so Excel reads umlauts right */
                bom?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The top list (JSON), or its rows as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportTopDto"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
        };
    };
    ReportController_cdrs: {
        parameters: {
            query: {
                page?: number;
                pageSize?: number;
                sort?: string;
                /** @description First local day of the period (included), in the report's time zone: the filtered site's, else the tenant's first site's */
                from: string;
                /** @description Last local day of the period (included); at most 1096 days (three years) after from */
                to: string;
                /** @description Only calls with this siteId; empty (siteId=) selects the calls without one */
                siteId?: string;
                /** @description Only calls of this extension: the caller's for calls it made, the callee's for inbound calls (each call counts for one extension, so the rows of a summary add up); empty selects the calls of no extension */
                extensionId?: string;
                /** @description Only calls with this gatewayId; empty (gatewayId=) selects the calls without one */
                gatewayId?: string;
                /** @description Only calls with this costCentre; empty (costCentre=) selects the calls without one */
                costCentre?: string;
                /** @description Only calls to this destination as a summary names it: the rate's description, else the country of the number's calling code (outbound and emergency calls); empty selects calls without one (inbound, internal) */
                destination?: string;
                /** @description Only calls to numbers of this country (ISO 3166-1 alpha-2, from the calling code); empty selects calls without one */
                country?: string;
                direction?: "INTERNAL" | "OUTBOUND" | "INBOUND" | "EMERGENCY";
                disposition?: "ANSWERED" | "BUSY" | "NO_ANSWER" | "FAILED" | "CANCELLED" | "REFUSED";
                /** @description Only calls priced in this currency (ISO 4217); the tenant's currency unless given */
                currency?: string;
                /** @description csv: the same rows as an RFC 4180 CSV file (also chosen by Accept: text/csv); xlsx: as an XLSX workbook (also chosen by Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); format wins over Accept */
                format?: "json" | "csv" | "xlsx";
                /** @description CSV only: start the file with a UTF-8 byte-order mark, so Excel reads umlauts right */
                bom?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of calls (JSON), or all of them as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CdrPageDto"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
        };
    };
    ReportController_statement: {
        parameters: {
            query: {
                /** @description The site (branch office) the statement is for; a SITE_ADMIN may ask for its own sites only */
                siteId: string;
                /** @description The calendar month, YYYY-MM: its local days in the site's time zone */
                month: string;
                /** @description Only calls priced in this currency (ISO 4217); the tenant's currency unless given */
                currency?: string;
                /** @description pdf (the only format; also chosen by Accept: application/pdf) */
                format?: "pdf";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement (format=pdf or Accept: application/pdf; PDF is the only format) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
        };
    };
    BudgetController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                /** @description A calendar month, YYYY-MM */
                month?: string;
                siteId?: string;
                costCentre?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetPageDto"];
                };
            };
        };
    };
    BudgetController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBudgetDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetDto"];
                };
            };
        };
    };
    BudgetController_statusOf: {
        parameters: {
            query?: {
                /** @description Default: the current month in the tenant’s reporting zone */
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetStatusListDto"];
                };
            };
        };
    };
    BudgetController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetDto"];
                };
            };
        };
    };
    BudgetController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BudgetController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBudgetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetDto"];
                };
            };
        };
    };
    ReconciliationController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                sort?: string;
                gatewayId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationPageDto"];
                };
            };
        };
    };
    ReconciliationController_create: {
        parameters: {
            query: {
                /** @description The gateway whose carrier sent the file */
                gatewayId: string;
                /** @description Calls answered at or after this. A date (2026-11-01) is the start of that local day in the tenant's reporting zone (its first site's); a timestamp with Z or an offset is taken as given. */
                from: string;
                /** @description Calls answered before this; a date includes its whole local day */
                to: string;
                /** @description The column of the call start: a header name, or a 1-based column number */
                startColumn: string;
                /** @description The column of the called number: a header name, or a 1-based column number */
                numberColumn: string;
                /** @description The column of the duration (seconds, or [h:]mm:ss): a header name, or a 1-based column number */
                durationColumn: string;
                /** @description The column of the charge: a header name, or a 1-based column number */
                chargeColumn: string;
                /** @description The column of the carrier’s own call id (optional): a header name, or a 1-based column number */
                referenceColumn?: string;
                /** @description The first line is a header (default true); without one, columns are numbers */
                header?: "true" | "false";
                /** @description The field separator (default ,) */
                delimiter?: "," | ";" | "tab" | "|";
                /** @description Before the decimals of charges and durations (default .) */
                decimalSeparator?: "." | ",";
                /** @description iso: 2026-11-03 09:15:02 (T, Z or an offset allowed); dmy: 03.11.2026 09:15:02; mdy: 11/03/2026 09:15:02; epoch: seconds since 1970 */
                startFormat?: "iso" | "dmy" | "mdy" | "epoch";
                /** @description The zone of start times written without one (default UTC) */
                timeZone?: string;
                /** @description How far the carrier’s start and our answer time may differ, in seconds (0-300; default 5) */
                startToleranceSec?: number;
                /** @description How far the durations may differ, in seconds (0-300; default 2) */
                durationToleranceSec?: number;
                /** @description A pair whose charge and cost differ by at most this much is matched (default 0: exact) */
                priceTolerance?: string | number;
                /** @description The carrier file’s name, kept with the result */
                fileName?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationDto"];
                };
            };
        };
    };
    ReconciliationController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationDto"];
                };
            };
        };
    };
    ReconciliationController_rows: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only rows of this status */
                status?: "matched" | "price-difference" | "ours-only" | "theirs-only";
                /** @description csv: the same rows as an RFC 4180 CSV file (also chosen by Accept: text/csv); xlsx: as an XLSX workbook (also chosen by Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); format wins over Accept */
                format?: "json" | "csv" | "xlsx";
                /** @description CSV only: start the file with a UTF-8 byte-order mark, so Excel reads umlauts right */
                bom?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rows (JSON), or all of them as a file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationRowPageDto"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
        };
    };
}
