import { TextField } from '../../../../components/Fields'
import type { FieldErrors } from '../../../../lib/apiError'
import { MAX_OPTIONS, type FormState } from './productForm'

interface Props {
  form: FormState
  set: <K extends keyof FormState>(name: K, value: FormState[K]) => void
  addOption: () => void
  removeOption: (index: number) => void
  errors: FieldErrors
  saving: boolean
}

export function ProductOptionsFieldset({ form, set, addOption, removeOption, errors: fieldErrors, saving }: Props) {
  return (
    <fieldset className="form-section card" disabled={saving}>
      <legend>Options</legend>
      <p className="field-hint">
        Options such as Size or Colour. Leave this empty for a product that comes in one version.
      </p>
      {fieldErrors.options && <p className="inline-error">{fieldErrors.options.join(' ')}</p>}
      {form.optionNames.map((name, i) => (
        <div className="inline-row" key={i}>
          <TextField
            label={`Option ${i + 1} name`}
            placeholder={i === 0 ? 'Size' : i === 1 ? 'Colour' : 'Material'}
            value={name}
            onChange={(e) =>
              set(
                'optionNames',
                form.optionNames.map((n, j) => (j === i ? e.target.value : n)),
              )
            }
            errors={fieldErrors[`options.${i}`]}
          />
          <button
            type="button"
            className="btn btn-link"
            onClick={() => removeOption(i)}
            aria-label={`Remove option ${i + 1}${name ? ` (${name})` : ''}`}
          >
            Remove
          </button>
        </div>
      ))}
      {form.optionNames.length < MAX_OPTIONS && (
        <button type="button" className="btn btn-secondary btn-small" onClick={addOption}>
          Add option
        </button>
      )}
    </fieldset>
  )
}
