"""``init``, ``catalog``, ``staff``, ``settings``, ``keys``: setting a hall up."""
from __future__ import annotations

import json
from pathlib import Path

from kiosk import bootstrap
from kiosk.cli.common import ask_password, ensure_key, options
from kiosk.errors import KioskError


def cmd_init(args) -> int:
    """Create or upgrade the database; optionally load the sample hall or a catalog."""
    from kiosk.queue import catalog
    from kiosk.queue.actions import staff
    from kiosk.queue import demo
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.store import migrate

    # the hall is the sample's or the catalog file's when one is loaded
    data = catalog.load(args.catalog) if args.catalog and not args.sample else None
    hall = bootstrap.DEFAULT_HALL if args.sample else data["hall"]["code"] if data else None
    ctx = bootstrap.hall_context(options(args), hall=hall)
    migrate.upgrade(ctx.db)
    print(f"database ready at schema {migrate.current_revision(ctx.db)}: {ctx.db!r}")
    ensure_key(ctx)
    if args.sample:
        counts = demo.seed_sample(ctx)
        print(f"sample hall loaded: {json.dumps(counts)}")
        print("demo accounts (password 123456): admin 9000, manager 9001, "
              "window clerks 1001-1020")
        return 0
    if data is not None:
        print(f"catalog imported: {json.dumps(catalog.import_catalog(ctx, data))}")
    try:
        hall_reads.hall_info(ctx)
    except KioskError:
        print("no hall yet: import a catalog with 'python -m kiosk catalog import FILE' "
              "and run init again to create the admin account")
        return 0
    if not hall_reads.has_admin(ctx):
        password = args.admin_password or ask_password("admin (工号 admin)")
        staff.create_staff(ctx, staff_no="admin", name="系统管理员", role="admin",
                           password=password)
        print("admin account 'admin' created")
    return 0


def cmd_keys(args) -> int:
    """``keys rotate``: a new personal-data key; old ones kept while bookings need them."""
    from kiosk.queue.actions.keys import key_file, rotate_keys

    ctx = bootstrap.start(options(args)).ctx
    done = rotate_keys(ctx)
    print(f"new personal-data key {done.key_id} in {key_file(ctx)}; "
          f"{done.forgotten} hashes of finished bookings forgotten; old keys kept for "
          f"open bookings: {', '.join(done.retired_kept) or 'none'}; dropped: "
          f"{', '.join(done.retired_dropped) or 'none'}. Copy the file to the hall's "
          "other PCs that book or check in by phone.")
    return 0


def cmd_catalog(args) -> int:
    from kiosk.queue import catalog
    from kiosk.queue.store import migrate

    if args.action == "validate":
        data = catalog.load(args.file)
        print(f"{args.file}: valid: {len(data['departments'])} departments, "
              f"{len(data['items'])} items, {len(data['services'])} services, "
              f"{len(data['windows'])} windows")
        return 0
    if args.action == "import":
        data = catalog.load(args.file)
        ctx = bootstrap.hall_context(options(args), hall=data["hall"]["code"])
        migrate.upgrade(ctx.db)
        print(f"imported: {json.dumps(catalog.import_catalog(ctx, data))}")
        return 0
    ctx = bootstrap.hall_context(options(args))
    catalog.dump(catalog.export_catalog(ctx), args.file)
    print(f"exported the catalog of hall {ctx.hall_code} to {args.file}")
    return 0


def cmd_staff(args) -> int:
    from kiosk.queue.actions import staff

    ctx = bootstrap.start(options(args)).ctx
    if args.action == "add":
        staff.create_staff(ctx, staff_no=args.staff_no, name=args.name, role=args.role,
                           password=args.password or ask_password(args.staff_no),
                           department=args.department)
    elif args.action == "passwd":
        staff.reset_password(ctx, staff_no=args.staff_no,
                             password=args.password or ask_password(args.staff_no))
    print(f"staff {args.staff_no}: done")
    return 0


def cmd_settings(args) -> int:
    from kiosk.queue.actions import staff
    from kiosk.settings import OPTIONS, write_machine_option

    if args.action == "list":
        for opt in OPTIONS.values():
            print(f"{opt.name:34} {opt.scope:7} default={opt.default!r}  {opt.description}")
        return 0
    opt = OPTIONS.get(args.name)
    if opt is not None and opt.scope == "machine":
        write_machine_option(args.name, args.value,
                             Path(args.config) if args.config else None)
    else:
        staff.set_hall_setting(bootstrap.start(options(args)).ctx, name=args.name,
                               value=args.value)
    print(f"{args.name} = {args.value}")
    return 0


def add_commands(sub) -> None:
    p = sub.add_parser("init", help="create or upgrade the database")
    p.add_argument("--sample", action="store_true",
                   help="load the sample hall with demo accounts")
    p.add_argument("--catalog", help="import this catalog file")
    p.add_argument("--admin-password", help="password of the admin account to create")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("catalog", help="validate, import or export a catalog (YAML)")
    p.add_argument("action", choices=("validate", "import", "export"))
    p.add_argument("file")
    p.set_defaults(func=cmd_catalog)

    p = sub.add_parser("staff", help="add a staff account or reset a password")
    p.add_argument("action", choices=("add", "passwd"))
    p.add_argument("staff_no")
    p.add_argument("--name", default="")
    p.add_argument("--role", choices=("window", "manager", "admin"), default="window")
    p.add_argument("--department")
    p.add_argument("--password", help="else asked in the terminal")
    p.set_defaults(func=cmd_staff)

    p = sub.add_parser("settings", help="list options or set one")
    p.add_argument("action", choices=("list", "set"))
    p.add_argument("name", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("keys", help="rotate the personal-data key (phone hashes)")
    p.add_argument("action", choices=("rotate",))
    p.set_defaults(func=cmd_keys)
