"""OceanEx's own kind of client against the sandbox: Python's websocket-client at its defaults (it sends
"Origin: http://HOST:PORT"), as ws_client.py uses it. Logs in (signature with python3-cryptography, as the
original does), places a limit order far below the market (it rests), cancels it, and prints one JSON line per
reply. Usage: python3 python_ws_client.py URL UID API_KEY KEY_PEM_FILE PRICE VOLUME"""

import base64
import json
import sys
import time
import uuid

import websocket
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

url, uid, api_key, key_file, price, volume = sys.argv[1:7]
with open(key_file, "rb") as f:
    key = serialization.load_pem_private_key(f.read(), password=None)

ws = websocket.create_connection(url, timeout=20)


def request(handler, action, args, header=None):
    request_id = str(uuid.uuid4())
    data = {"action": action, "uuid": request_id, "args": args}
    if header is not None:
        data["header"] = header
    ws.send(json.dumps({"identifier": {"handler": handler}, "command": "message", "data": data}))
    while True:
        frame = json.loads(ws.recv())
        if frame.get("type") == "ping":
            ws.send(json.dumps({"command": "pong"}))
        elif frame.get("message", {}).get("uuid") == request_id:
            print(json.dumps({"handler": handler, "action": action, "code": frame["message"]["code"], "data": frame["message"]["data"]}), flush=True)
            return frame["message"]


welcome = json.loads(ws.recv())
print(json.dumps({"welcome": welcome}), flush=True)
nonce = int(time.time() * 1000)
signature = base64.b64encode(key.sign(f"GET|/ws/v1|{nonce}|".encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
request("AuthHandler", "login", {}, {"uid": uid, "api_key": api_key, "nonce": nonce, "verb": "GET", "path": "/ws/v1", "signature": signature})
order = request("OrderHandler", "create", {"market": "vetusdt", "side": "buy", "price": float(price), "volume": float(volume), "ord_type": "limit"})
request("OrderHandler", "cancel", {"ids": [order["data"]["id"]]})
ws.close()
