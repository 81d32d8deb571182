/**
 * The `place` question type in survey-core (domain/place-question.ts): a radiogroup whose choices are the kommun's
 * zones, which also carries their map (`mapShapes`, `mapWidth`, `mapHeight`; read with placeMapOf). Registered by
 * a call, not on import, wherever a survey-core model is built (the server's validation and plain form, the
 * browser's survey and the builder's preview): survey-core silently drops elements of a type it does not know, and
 * the bundler drops a module imported only for its effect (the package is marked free of side effects).
 */
import { ElementFactory, QuestionRadiogroupModel, Serializer } from "survey-core";
import { PLACE_TYPE } from "./place-question";

/** Makes survey-core know the `place` type; safe to call again. */
export function registerPlaceType(): void {
  if (Serializer.findClass(PLACE_TYPE)) return;
  class QuestionPlaceModel extends QuestionRadiogroupModel {
    override getType(): string {
      return PLACE_TYPE;
    }
    // Accessors, so that survey-core stores the map among its properties (placeMapOf reads them from there).
    get mapShapes(): unknown {
      return this.getPropertyValue("mapShapes");
    }
    set mapShapes(v: unknown) {
      this.setPropertyValue("mapShapes", v);
    }
    get mapWidth(): number {
      return this.getPropertyValue("mapWidth") as number;
    }
    set mapWidth(v: number) {
      this.setPropertyValue("mapWidth", v);
    }
    get mapHeight(): number {
      return this.getPropertyValue("mapHeight") as number;
    }
    set mapHeight(v: number) {
      this.setPropertyValue("mapHeight", v);
    }
  }
  Serializer.addClass(
    PLACE_TYPE,
    [
      { name: "mapShapes", default: [], visible: false },
      { name: "mapWidth:number", default: 0, visible: false },
      { name: "mapHeight:number", default: 0, visible: false },
    ],
    () => new QuestionPlaceModel(""),
    "radiogroup",
  );
  ElementFactory.Instance.registerElement(PLACE_TYPE, (name) => new QuestionPlaceModel(name));
}
