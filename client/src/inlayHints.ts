/**
 * VS Code's own switch for inlay hints, `editor.inlayHints.enabled`, also holds for anything that
 * asks for them through the API (`vscode.executeInlayHintProvider`): `off` (per language too)
 * means none from this extension. `dockerPortSafety.inlayHints` is the server's own setting.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

export const inlayHintsMiddleware: Middleware = {
  provideInlayHints(document, viewPort, token, next) {
    const enabled = vscode.workspace.getConfiguration('editor', document).get<string>('inlayHints.enabled', 'on');
    return enabled === 'off' ? [] : next(document, viewPort, token);
  },
};
