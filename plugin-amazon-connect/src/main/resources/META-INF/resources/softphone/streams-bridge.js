window.SoftphoneBridge = {};
