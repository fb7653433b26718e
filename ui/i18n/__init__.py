"""The zh_CN catalog (gridledger_zh_CN.ts, compiled to .qm) and the tool that keeps it in step."""
